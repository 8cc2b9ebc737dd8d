package io.mcpbridge.engine.pkml.model;

/** The formula kinds that can occur in a built model's formula cache. */
public enum FormulaKind {
  CONSTANT("ConstantFormula"),
  EXPLICIT("Formula"),
  TABLE("TableFormula"),
  TABLE_WITH_OFFSET("TableFormulaWithOffset"),
  TABLE_WITH_X_ARGUMENT("TableFormulaWithXArgument"),
  NORMAL_DISTRIBUTION("NormalDistributionFormula"),
  LOG_NORMAL_DISTRIBUTION("LogNormalDistributionFormula"),
  UNIFORM_DISTRIBUTION("UniformDistributionFormula"),
  DISCRETE_DISTRIBUTION("DiscreteDistributionFormula");

  private final String element;

  FormulaKind(String element) {
    this.element = element;
  }

  /** The XML element name. */
  public String element() {
    return element;
  }

  /** True for the four distribution kinds, which are evaluated once before a run. */
  public boolean isDistribution() {
    return this == NORMAL_DISTRIBUTION || this == LOG_NORMAL_DISTRIBUTION
        || this == UNIFORM_DISTRIBUTION || this == DISCRETE_DISTRIBUTION;
  }

  /** The kind for an element name, or null if unknown. */
  public static FormulaKind forElement(String element) {
    for (FormulaKind k : values()) {
      if (k.element.equals(element)) {
        return k;
      }
    }
    return null;
  }
}
