package io.mcpbridge.core.model;

/** What kind of model entity a quantity is. */
public enum QuantityKind {
  PARAMETER,
  DISTRIBUTED_PARAMETER,
  MOLECULE_AMOUNT,
  OBSERVER
}
