package io.mcpbridge.core.sensitivity.global;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.pk.TerminalPhaseFit;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A global sensitivity analysis as a durable job stores it: everything but the simulation, which is
 * the job's simulation revision. Distributions are stored in base units, so a worker needs no unit
 * catalog and runs exactly the submitted design after any restart. Encoded as {@code key=value}
 * lines, values URL-encoded, lists as repeated keys. The record checks nothing itself:
 * {@link GlobalAnalysisPlanner} reports every problem at once.
 *
 * @param method Sobol or Morris
 * @param parameters the varied parameters (name = quantity path), in declaration order
 * @param baseline values set before anything is varied
 * @param outputs output paths; empty means the simulation's
 * @param pkParameters PK parameter names; empty means all, unless {@code times} are given
 * @param times output times in minutes whose values are responses
 * @param samples N (Sobol base samples) or r (Morris trajectories)
 * @param levels Morris grid levels p (even, ≥ 2); ignored by Sobol
 * @param bootstrapResamples Sobol bootstrap resamples (≥ 100); ignored by Morris
 * @param confidence Sobol interval level in (0, 1); ignored by Morris
 * @param seed seed of the design
 * @param terminalPhase the PK analysis' terminal-phase rule
 */
public record GlobalSensitivityJobRequest(
    GlobalMethod method,
    List<GlobalParameter> parameters,
    List<ParameterOverride> baseline,
    List<String> outputs,
    List<String> pkParameters,
    List<Double> times,
    int samples,
    int levels,
    int bootstrapResamples,
    double confidence,
    long seed,
    TerminalPhaseFit terminalPhase) {
  /** Default N (Sobol) or r (Morris trajectories). */
  public static final int DEFAULT_SAMPLES = 1024;
  /** Default Morris trajectories when no N is given. */
  public static final int DEFAULT_TRAJECTORIES = 20;
  /** Default Morris levels. */
  public static final int DEFAULT_LEVELS = 4;
  /** Default bootstrap resamples. */
  public static final int DEFAULT_BOOTSTRAP = 1000;
  /** Default interval level. */
  public static final double DEFAULT_CONFIDENCE = 0.95;

  public GlobalSensitivityJobRequest {
    Objects.requireNonNull(method, "method");
    parameters = List.copyOf(parameters);
    baseline = List.copyOf(baseline);
    outputs = List.copyOf(outputs);
    pkParameters = List.copyOf(pkParameters);
    times = List.copyOf(times);
    Objects.requireNonNull(terminalPhase, "terminalPhase");
  }

  /** The stored text. */
  public String encode() {
    StringBuilder out = new StringBuilder();
    line(out, "method", method.wireName());
    line(out, "samples", Integer.toString(samples));
    line(out, "levels", Integer.toString(levels));
    line(out, "bootstrap", Integer.toString(bootstrapResamples));
    line(out, "confidence", Double.toString(confidence));
    line(out, "seed", Long.toString(seed));
    line(out, "terminalPhase", terminalPhase.wireName());
    for (GlobalParameter p : parameters) {
      line(out, "parameter", enc(GlobalVariationSyntax.format(p.name(), p.distribution())));
    }
    for (ParameterOverride o : baseline) {
      line(out, "baseline", enc(o.path()) + " " + o.value());
    }
    outputs.forEach(p -> line(out, "output", enc(p)));
    pkParameters.forEach(p -> line(out, "pk", enc(p)));
    times.forEach(t -> line(out, "time", Double.toString(t)));
    return out.toString();
  }

  /**
   * Reads stored text.
   *
   * @throws InvalidInputException if the text is not an encoded request
   */
  public static GlobalSensitivityJobRequest decode(String text) {
    GlobalMethod method = null;
    List<GlobalParameter> parameters = new ArrayList<>();
    List<ParameterOverride> baseline = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    List<String> pk = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    int samples = 0;
    int levels = DEFAULT_LEVELS;
    int bootstrap = DEFAULT_BOOTSTRAP;
    double confidence = DEFAULT_CONFIDENCE;
    long seed = 0;
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
          case "method" -> method = GlobalMethod.fromWireName(value);
          case "samples" -> samples = Integer.parseInt(value);
          case "levels" -> levels = Integer.parseInt(value);
          case "bootstrap" -> bootstrap = Integer.parseInt(value);
          case "confidence" -> confidence = Double.parseDouble(value);
          case "seed" -> seed = Long.parseLong(value);
          case "terminalPhase" -> fit = TerminalPhaseFit.fromWireName(value);
          case "parameter" -> parameters.add(StoredForm.parameter(dec(value)));
          case "baseline" -> {
            int space = value.lastIndexOf(' ');
            baseline.add(new ParameterOverride(dec(value.substring(0, space)),
                Double.parseDouble(value.substring(space + 1))));
          }
          case "output" -> outputs.add(dec(value));
          case "pk" -> pk.add(dec(value));
          case "time" -> times.add(Double.parseDouble(value));
          default -> throw new IllegalArgumentException("unknown key " + key);
        }
      }
    } catch (RuntimeException e) {
      throw new InvalidInputException("not a stored global sensitivity analysis: " + e.getMessage(), e);
    }
    if (method == null) {
      throw new InvalidInputException("not a stored global sensitivity analysis: the method is missing");
    }
    return new GlobalSensitivityJobRequest(method, parameters, baseline, outputs, pk, times, samples, levels,
        bootstrap, confidence, seed, fit);
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

  /** Reads {@link GlobalVariationSyntax#format}'s base-unit text without a model. */
  private static final class StoredForm {
    private StoredForm() {}

    static GlobalParameter parameter(String text) {
      int eq = text.lastIndexOf('=');
      int open = text.indexOf('(', eq);
      int comma = text.indexOf(',', open);
      String kind = text.substring(eq + 1, open);
      double a = Double.parseDouble(text.substring(open + 1, comma).strip());
      double b = Double.parseDouble(text.substring(comma + 1, text.indexOf(')', comma)).strip());
      ParameterDistribution d = switch (kind) {
        case "uniform" -> new ParameterDistribution.Uniform(a, b);
        case "loguniform" -> new ParameterDistribution.LogUniform(a, b);
        case "normal" -> new ParameterDistribution.Normal(a, b);
        case "lognormal" -> new ParameterDistribution.LogNormal(a, b);
        default -> throw new IllegalArgumentException("unknown distribution " + kind);
      };
      return new GlobalParameter(text.substring(0, eq), d);
    }
  }
}
