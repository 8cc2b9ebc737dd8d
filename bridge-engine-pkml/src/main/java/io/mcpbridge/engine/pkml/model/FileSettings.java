package io.mcpbridge.engine.pkml.model;

import java.util.List;
import java.util.Map;

/**
 * The simulation settings of a file before evaluation.
 *
 * @param solverParameters solver parameters by name (e.g. {@code Absolute tolerance})
 * @param outputIntervals per interval its parameters by name ({@code Start time}, {@code End time},
 *     {@code Resolution})
 * @param outputSelections selected quantity paths (without root name), empty if none stored
 * @param formulas the settings' own formula cache by id
 */
public record FileSettings(
    Map<String, ParameterSpec> solverParameters,
    List<Map<String, ParameterSpec>> outputIntervals,
    List<String> outputSelections,
    Map<String, FormulaDef> formulas) {
  public FileSettings {
    solverParameters = Map.copyOf(solverParameters);
    outputIntervals = List.copyOf(outputIntervals);
    outputSelections = List.copyOf(outputSelections);
    formulas = Map.copyOf(formulas);
  }
}
