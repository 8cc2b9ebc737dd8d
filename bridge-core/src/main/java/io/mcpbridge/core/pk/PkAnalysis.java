package io.mcpbridge.core.pk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The PK parameters of one series, in OSP's order.
 *
 * @param mode single or multiple dosing
 * @param parameters every standard parameter of that mode, with a value or a reason
 * @param ospValues per parameter name, the number OSP itself reports (NaN, ±∞, a negative
 *     half-life or a zero AUC_inf where {@code parameters} gives a reason); sensitivity analysis
 *     works on these, as OSP's does
 * @param terminalPhases with the best-fit ({@code nca}) terminal phase only: per half-life
 *     parameter ({@code Thalf}, and {@code Thalf_tDLast_tEnd} for multiple dosing), the window
 *     whose λz it rests on, or why there is none; empty for OSP's rules
 */
public record PkAnalysis(
    DosingMode mode, List<PkParameterValue> parameters, Map<String, Double> ospValues,
    Map<String, LambdaZSelection> terminalPhases) {
  public PkAnalysis {
    Objects.requireNonNull(mode, "mode");
    parameters = List.copyOf(parameters);
    ospValues = Collections.unmodifiableMap(new LinkedHashMap<>(ospValues));
    terminalPhases = Collections.unmodifiableMap(new LinkedHashMap<>(terminalPhases));
  }

  /** An analysis without a best-fit terminal-phase report. */
  public PkAnalysis(DosingMode mode, List<PkParameterValue> parameters, Map<String, Double> ospValues) {
    this(mode, parameters, ospValues, Map.of());
  }

  /** An analysis whose OSP numbers are its values (NaN where a value is missing). */
  public PkAnalysis(DosingMode mode, List<PkParameterValue> parameters) {
    this(mode, parameters, valuesOf(parameters));
  }

  private static Map<String, Double> valuesOf(List<PkParameterValue> parameters) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (PkParameterValue p : parameters) {
      out.put(p.name(), p.value() == null ? Double.NaN : p.value());
    }
    return out;
  }

  /** The number OSP reports for the named parameter; NaN if the mode does not produce it. */
  public double ospValue(String name) {
    Double v = ospValues.get(name);
    return v == null ? Double.NaN : v;
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
