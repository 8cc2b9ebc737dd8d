package io.mcpbridge.engine.pkml.solver.oracle;

/**
 * One accepted internal step of an integrator.
 *
 * @param t internal time after the step
 * @param h size of the step
 * @param order BDF order used for the step
 */
public record StepRecord(double t, double h, int order) {}
