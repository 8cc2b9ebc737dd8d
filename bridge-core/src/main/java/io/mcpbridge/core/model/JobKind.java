package io.mcpbridge.core.model;

import java.util.Locale;

/** What a job computes. A job without a stored {@link JobRequest} is a {@link #SIMULATION}. */
public enum JobKind {
  /** One run of a simulation revision; its result is a {@link StoredResult}. */
  SIMULATION,
  /** A local sensitivity analysis of a simulation revision; its result is a {@link JobOutput}. */
  SENSITIVITY,
  /** A global (Sobol or Morris) sensitivity analysis of a simulation revision; its result is a {@link JobOutput}. */
  GLOBAL_SENSITIVITY;

  /** The lower-case name stored and shown. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kind with this wire name.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static JobKind fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
