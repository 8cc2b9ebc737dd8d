package io.mcpbridge.core.sensitivity.global;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a global analysis.
 *
 * @param method the method
 * @param rows one per response and parameter, responses in plan order, parameters in declaration
 *     order
 * @param evaluations model evaluations of the design (the baseline run not counted)
 */
public record GlobalSensitivityResults(GlobalMethod method, List<GlobalSensitivityRow> rows, int evaluations) {
  public GlobalSensitivityResults {
    Objects.requireNonNull(method, "method");
    rows = List.copyOf(rows);
  }
}
