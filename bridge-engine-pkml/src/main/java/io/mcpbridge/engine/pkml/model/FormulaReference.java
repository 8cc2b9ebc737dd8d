package io.mcpbridge.engine.pkml.model;

/**
 * One reference of a formula: an alias bound to an object path, or the simulation time.
 *
 * @param alias the identifier used in the formula text
 * @param path the object path (relative to the formula's user), or null for time
 */
public record FormulaReference(String alias, String path) {

  /** True if this reference is the simulation time. */
  public boolean isTime() {
    return path == null;
  }
}
