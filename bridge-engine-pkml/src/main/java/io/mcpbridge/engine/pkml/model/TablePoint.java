package io.mcpbridge.engine.pkml.model;

/**
 * One point of a table formula.
 *
 * @param x abscissa in base units (usually minutes)
 * @param y value in base units
 * @param restartSolver whether the integrator is re-initialised at x
 */
public record TablePoint(double x, double y, boolean restartSolver) {}
