package io.mcpbridge.core.sensitivity.global;

import io.mcpbridge.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/** μ, μ* and σ of every parameter from the responses to a {@link MorrisDesign}. */
public final class MorrisEstimator {
  private MorrisEstimator() {}

  /**
   * Elementary effects EE = (y(after) − y(before)) / (±Δ) along every trajectory, summarised per
   * parameter.
   *
   * @param names the parameters' names, in design column order
   * @param design the design the responses belong to
   * @param responses r·(k + 1) responses in {@link MorrisDesign#points()} order; all finite
   * @param seed recorded in the result
   * @throws InvalidInputException on mismatched sizes or a non-finite response
   */
  public static MorrisResult estimate(List<String> names, MorrisDesign design, double[] responses, long seed) {
    int k = design.parameters();
    int r = design.trajectories();
    if (names.size() != k || responses.length != design.evaluations()) {
      throw new InvalidInputException("expected " + k + " names and " + design.evaluations() + " responses, got "
          + names.size() + " and " + responses.length);
    }
    for (int j = 0; j < responses.length; j++) {
      if (!Double.isFinite(responses[j])) {
        throw new InvalidInputException("response " + j + " is not finite (" + responses[j]
            + "); elementary effects need a finite response at every point");
      }
    }
    double[][] effects = new double[k][r];
    for (int t = 0; t < r; t++) {
      int offset = t * (k + 1);
      for (int s = 0; s < k; s++) {
        int i = design.movedParameter(t, s);
        double change = responses[offset + s + 1] - responses[offset + s];
        effects[i][t] = change / (design.direction(t, i) * design.delta());
      }
    }
    List<MorrisEffect> out = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      double sum = 0;
      double absSum = 0;
      for (double e : effects[i]) {
        sum += e;
        absSum += Math.abs(e);
      }
      double mu = sum / r;
      double squares = 0;
      for (double e : effects[i]) {
        squares += (e - mu) * (e - mu);
      }
      out.add(new MorrisEffect(names.get(i), mu, absSum / r, Math.sqrt(squares / (r - 1))));
    }
    return new MorrisResult(out, r, design.levels(), responses.length, seed);
  }
}
