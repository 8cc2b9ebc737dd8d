package io.mcpbridge.core.sensitivity.global;

import io.mcpbridge.core.error.InvalidInputException;
import java.util.Locale;

/** The global method of an analysis. */
public enum GlobalMethod {
  /** Sobol first-order and total indices from a Saltelli design, N·(k + 2) evaluations. */
  SOBOL,
  /** Morris elementary effects from r trajectories, r·(k + 1) evaluations. */
  MORRIS;

  /** The lower-case name used in requests, files and outputs. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The method with this name, case-insensitive.
   *
   * @throws InvalidInputException for another name
   */
  public static GlobalMethod fromWireName(String name) {
    for (GlobalMethod m : values()) {
      if (m.wireName().equalsIgnoreCase(name == null ? "" : name.strip())) {
        return m;
      }
    }
    throw new InvalidInputException("method must be sobol or morris (was '" + name + "')");
  }
}
