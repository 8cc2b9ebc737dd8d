package io.mcpbridge.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, replayable description of a run: the model bytes plus everything changed on top.
 *
 * @param model the exact model file
 * @param overrides parameter values in the order they were set (a later one wins)
 * @param outputs quantity paths to report; empty means the file's output selection
 * @param outputIntervals output grid; empty means the file's output schema
 * @param solver solver settings; empty means the file's settings
 * @param precision how values are reported
 */
public record SimulationSpec(
    ModelRef model,
    List<ParameterOverride> overrides,
    List<String> outputs,
    List<OutputInterval> outputIntervals,
    Optional<SolverSettings> solver,
    ResultPrecision precision) {
  public SimulationSpec {
    Objects.requireNonNull(model, "model");
    overrides = List.copyOf(overrides);
    outputs = List.copyOf(outputs);
    outputIntervals = List.copyOf(outputIntervals);
    Objects.requireNonNull(solver, "solver");
    Objects.requireNonNull(precision, "precision");
  }

  /** A spec that runs the file exactly as stored. */
  public static SimulationSpec of(ModelRef model) {
    return new SimulationSpec(model, List.of(), List.of(), List.of(), Optional.empty(), ResultPrecision.FLOAT32);
  }

  /** A new revision with one more override appended. */
  public SimulationSpec withOverride(ParameterOverride override) {
    var next = new java.util.ArrayList<>(overrides);
    next.add(override);
    return new SimulationSpec(model, next, outputs, outputIntervals, solver, precision);
  }

  /** A copy with other outputs. */
  public SimulationSpec withOutputs(List<String> newOutputs) {
    return new SimulationSpec(model, overrides, newOutputs, outputIntervals, solver, precision);
  }

  /** A copy with another output grid. */
  public SimulationSpec withOutputIntervals(List<OutputInterval> intervals) {
    return new SimulationSpec(model, overrides, outputs, intervals, solver, precision);
  }

  /** A copy with other solver settings. */
  public SimulationSpec withSolver(SolverSettings settings) {
    return new SimulationSpec(model, overrides, outputs, outputIntervals, Optional.of(settings), precision);
  }

  /** A copy with another result precision. */
  public SimulationSpec withPrecision(ResultPrecision newPrecision) {
    return new SimulationSpec(model, overrides, outputs, outputIntervals, solver, newPrecision);
  }
}
