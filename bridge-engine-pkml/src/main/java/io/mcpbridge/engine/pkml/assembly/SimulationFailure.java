package io.mcpbridge.engine.pkml.assembly;

/** A run could not be completed for a model-related reason (e.g. the negative-value check). */
public class SimulationFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SimulationFailure(String message) {
    super(message);
  }
}
