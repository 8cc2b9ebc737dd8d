package io.mcpbridge.engine.pkml.solver;

/**
 * Called after every accepted internal step. May throw an unchecked exception to abort the
 * integration (cancellation, deadline); the integrator propagates it unchanged.
 */
@FunctionalInterface
public interface StepMonitor {
  /** A monitor that does nothing. */
  StepMonitor NONE = t -> { };

  /** @param t the integrator's internal time after the step */
  void afterStep(double t);
}
