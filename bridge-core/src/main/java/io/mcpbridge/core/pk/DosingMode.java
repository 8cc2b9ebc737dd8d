package io.mcpbridge.core.pk;

/** Which set of PK parameters was computed. */
public enum DosingMode {
  /** At most one valid dosing interval: full-range parameters including CL, Vss, Vd. */
  SINGLE,
  /** Two or more valid intervals: full-range, first, last-but-one and last-interval parameters. */
  MULTIPLE
}
