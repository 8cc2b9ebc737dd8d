package io.mcpbridge.core.sensitivity;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.pk.TerminalPhaseFit;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sensitivity analysis as a durable job stores it: everything but the simulation, which is the
 * job's simulation revision. Encoded as {@code key=value} lines, values URL-encoded, lists as
 * repeated keys, so that a worker after any restart runs exactly the submitted analysis.
 *
 * @param baseline values set before anything is varied
 * @param parameters paths or patterns; empty means every eligible parameter
 * @param steps n
 * @param range variation range
 * @param outputs output paths; empty means the simulation's
 * @param pkParameters PK parameter names; empty means all
 * @param terminalPhase the PK analysis' terminal-phase rule
 */
public record SensitivityJobRequest(
    List<ParameterOverride> baseline,
    List<String> parameters,
    int steps,
    double range,
    List<String> outputs,
    List<String> pkParameters,
    TerminalPhaseFit terminalPhase) {
  public SensitivityJobRequest {
    baseline = List.copyOf(baseline);
    parameters = List.copyOf(parameters);
    outputs = List.copyOf(outputs);
    pkParameters = List.copyOf(pkParameters);
    Objects.requireNonNull(terminalPhase, "terminalPhase");
  }

  /** The analysis of {@code simulation}. */
  public SensitivityRequest toRequest(SimulationSpec simulation) {
    return new SensitivityRequest(simulation, baseline, parameters, steps, range, outputs, pkParameters);
  }

  /** The stored text. */
  public String encode() {
    StringBuilder out = new StringBuilder();
    line(out, "steps", Integer.toString(steps));
    line(out, "range", Double.toString(range));
    line(out, "terminalPhase", terminalPhase.wireName());
    for (ParameterOverride o : baseline) {
      line(out, "baseline", enc(o.path()) + " " + o.value());
    }
    parameters.forEach(p -> line(out, "parameter", enc(p)));
    outputs.forEach(p -> line(out, "output", enc(p)));
    pkParameters.forEach(p -> line(out, "pk", enc(p)));
    return out.toString();
  }

  /**
   * Reads stored text.
   *
   * @throws InvalidInputException if the text is not an encoded request
   */
  public static SensitivityJobRequest decode(String text) {
    List<ParameterOverride> baseline = new ArrayList<>();
    List<String> parameters = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    List<String> pk = new ArrayList<>();
    Integer steps = null;
    Double range = null;
    TerminalPhaseFit fit = TerminalPhaseFit.ospDefault();
    try {
      for (String line : text.split("\n")) {
        if (line.isEmpty()) {
          continue;
        }
        int eq = line.indexOf('=');
        String key = line.substring(0, eq);
        String value = line.substring(eq + 1);
        switch (key) {
          case "steps" -> steps = Integer.parseInt(value);
          case "range" -> range = Double.parseDouble(value);
          case "terminalPhase" -> fit = TerminalPhaseFit.fromWireName(value);
          case "baseline" -> {
            int space = value.lastIndexOf(' ');
            baseline.add(new ParameterOverride(dec(value.substring(0, space)), Double.parseDouble(value.substring(space + 1))));
          }
          case "parameter" -> parameters.add(dec(value));
          case "output" -> outputs.add(dec(value));
          case "pk" -> pk.add(dec(value));
          default -> throw new IllegalArgumentException("unknown key " + key);
        }
      }
    } catch (RuntimeException e) {
      throw new InvalidInputException("not a stored sensitivity analysis: " + e.getMessage(), e);
    }
    if (steps == null || range == null) {
      throw new InvalidInputException("not a stored sensitivity analysis: steps and range are missing");
    }
    return new SensitivityJobRequest(baseline, parameters, steps, range, outputs, pk, fit);
  }

  private static void line(StringBuilder out, String key, String value) {
    out.append(key).append('=').append(value).append('\n');
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String dec(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
