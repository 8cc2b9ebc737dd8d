package io.mcpbridge.core.sensitivity.global;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.port.RunControl;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Global sensitivity of a model's scalar response (a PK parameter of an output, an output at a
 * chosen time, …) to a set of parameters with declared ranges or distributions.
 *
 * <p>Each analysis comes in two halves so the evaluations can run anywhere: {@code …Samples}
 * gives the parameter vectors to evaluate (columns in declaration order), {@code …From} turns the
 * responses, in the same order, into indices. {@link #sobol} and {@link #morris} do both with a
 * {@link ResponseEvaluator} in between. Designs are drawn in the unit cube and mapped through
 * each parameter's {@link ParameterDistribution#quantile}; the same settings always give the same
 * vectors and, for the same responses, the same results.
 */
public final class GlobalSensitivityPlanner {
  private final List<GlobalParameter> parameters;
  private final List<String> names;

  /**
   * @param parameters the varied parameters, at least one, names unique
   * @throws InvalidInputException if empty or a name repeats
   */
  public GlobalSensitivityPlanner(List<GlobalParameter> parameters) {
    Objects.requireNonNull(parameters, "parameters");
    if (parameters.isEmpty()) {
      throw new InvalidInputException("a global sensitivity analysis needs at least one varied parameter");
    }
    Set<String> seen = new HashSet<>();
    for (GlobalParameter p : parameters) {
      if (!seen.add(p.name())) {
        throw new InvalidInputException("parameter " + p.name() + " is declared twice");
      }
    }
    this.parameters = List.copyOf(parameters);
    this.names = this.parameters.stream().map(GlobalParameter::name).toList();
  }

  /** The varied parameters, in declaration order. */
  public List<GlobalParameter> parameters() {
    return parameters;
  }

  /** The parameter vectors of a Sobol analysis: N·(k + 2) of them. */
  public double[][] sobolSamples(SobolSettings settings) {
    return toParameterValues(SaltelliDesign.draw(parameters.size(), settings.baseSamples(), settings.seed()).points());
  }

  /**
   * Sobol indices from the responses to {@link #sobolSamples} of the same settings.
   *
   * @throws InvalidInputException if the count is wrong, a response is not finite or the
   *     response does not vary
   */
  public SobolResult sobolFrom(SobolSettings settings, double[] responses) {
    SobolResult result = SobolEstimator.estimate(names, settings.baseSamples(), responses,
        settings.bootstrapResamples(), settings.confidence(), settings.bootstrapSeed());
    return new SobolResult(result.indices(), result.baseSamples(), result.evaluations(), result.variance(),
        result.confidence(), result.bootstrapResamples(), settings.seed());
  }

  /**
   * Sobol first-order and total indices with bootstrap intervals.
   *
   * @param settings sampling and interval settings
   * @param response the response at a parameter vector (values in declaration order)
   * @param evaluator how evaluations are run in parallel
   * @param control cancellation, deadline and progress (in evaluations)
   */
  public SobolResult sobol(
      SobolSettings settings, ToDoubleFunction<double[]> response, ResponseEvaluator evaluator, RunControl control) {
    double[][] samples = sobolSamples(settings);
    return sobolFrom(settings, evaluator.evaluate(samples, response, control));
  }

  /**
   * The parameter vectors of a Morris screening: r·(k + 1) of them, trajectory after trajectory.
   *
   * @throws InvalidInputException if a parameter's distribution is unbounded (the grid's end
   *     levels would be infinite) or the settings are out of range
   */
  public double[][] morrisSamples(MorrisSettings settings) {
    return toParameterValues(morrisDesign(settings).points());
  }

  /** Morris statistics from the responses to {@link #morrisSamples} of the same settings. */
  public MorrisResult morrisFrom(MorrisSettings settings, double[] responses) {
    return MorrisEstimator.estimate(names, morrisDesign(settings), responses, settings.seed());
  }

  /**
   * Morris elementary effects: μ, μ*, σ per parameter.
   *
   * @param settings trajectories, levels, seed
   * @param response the response at a parameter vector (values in declaration order)
   * @param evaluator how evaluations are run in parallel
   * @param control cancellation, deadline and progress (in evaluations)
   */
  public MorrisResult morris(
      MorrisSettings settings, ToDoubleFunction<double[]> response, ResponseEvaluator evaluator, RunControl control) {
    double[][] samples = morrisSamples(settings);
    return morrisFrom(settings, evaluator.evaluate(samples, response, control));
  }

  private MorrisDesign morrisDesign(MorrisSettings settings) {
    for (GlobalParameter p : parameters) {
      if (!p.distribution().bounded()) {
        throw new InvalidInputException("Morris screening needs a bounded range for every parameter; " + p.name()
            + " has an unbounded distribution (give it a min/max range instead)");
      }
    }
    return MorrisDesign.draw(parameters.size(), settings.trajectories(), settings.levels(), settings.seed());
  }

  private double[][] toParameterValues(double[][] unitPoints) {
    for (double[] point : unitPoints) {
      for (int i = 0; i < point.length; i++) {
        point[i] = parameters.get(i).distribution().quantile(point[i]);
      }
    }
    return unitPoints;
  }
}
