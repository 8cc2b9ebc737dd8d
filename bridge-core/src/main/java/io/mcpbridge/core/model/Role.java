package io.mcpbridge.core.model;

import java.util.Locale;
import java.util.Optional;

/** What a caller may do. Roles are ordered: admin includes operator includes viewer. */
public enum Role {
  /** Read models, parameters, jobs and results. */
  VIEWER,
  /** Also load, change and run simulations. */
  OPERATOR,
  /** Also read the audit trail and manage the service. */
  ADMIN;

  /** True if this role grants everything {@code required} grants. */
  public boolean includes(Role required) {
    return ordinal() >= required.ordinal();
  }

  /** Lowercase name as used in tokens and configuration. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code viewer}, {@code operator} or {@code admin} (any case). */
  public static Optional<Role> parse(String text) {
    for (Role r : values()) {
      if (r.wireName().equalsIgnoreCase(text.trim())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
