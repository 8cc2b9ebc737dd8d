package io.mcpbridge.core.sensitivity;

import java.util.Objects;

/**
 * The sensitivity of one PK parameter of one output to one parameter.
 *
 * @param quantityPath the output
 * @param parameterName OSP's display name of the parameter (the {@code Parameter} column)
 * @param parameterPath the varied parameter's path
 * @param pkParameter OSP PK parameter name, e.g. {@code AUC_tEnd}
 * @param value S; NaN when {@code state} is not {@link SensitivityState#SUCCESS}
 * @param state whether S could be computed
 */
public record PkSensitivity(
    String quantityPath, String parameterName, String parameterPath, String pkParameter, double value,
    SensitivityState state) {
  public PkSensitivity {
    Objects.requireNonNull(quantityPath, "quantityPath");
    Objects.requireNonNull(parameterName, "parameterName");
    Objects.requireNonNull(parameterPath, "parameterPath");
    Objects.requireNonNull(pkParameter, "pkParameter");
    Objects.requireNonNull(state, "state");
  }
}
