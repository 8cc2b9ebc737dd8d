package io.mcpbridge.core.pk;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The PK parameters of one series, in OSP's order.
 *
 * @param mode single or multiple dosing
 * @param parameters every standard parameter of that mode, with a value or a reason
 */
public record PkAnalysis(DosingMode mode, List<PkParameterValue> parameters) {
  public PkAnalysis {
    Objects.requireNonNull(mode, "mode");
    parameters = List.copyOf(parameters);
  }

  /** The parameter with this OSP name, if the mode produces it. */
  public Optional<PkParameterValue> parameter(String name) {
    for (PkParameterValue p : parameters) {
      if (p.name().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The value of the named parameter; empty if it is absent or has no value. */
  public Optional<Double> value(String name) {
    return parameter(name).map(PkParameterValue::value);
  }
}
