package io.mcpbridge.core.sensitivity.global;

import java.util.Objects;

/**
 * One parameter's global sensitivity for one response. Sobol rows carry S1 and ST with their
 * intervals, Morris rows μ, μ* and σ; the other method's values are NaN, and so are all values of
 * a response whose indices could not be computed ({@code state} says why).
 *
 * @param quantityPath the output
 * @param response the response label ({@link GlobalResponse#label()})
 * @param parameterPath the varied parameter
 * @param s1 first-order index
 * @param s1Low lower end of its interval
 * @param s1High upper end of its interval
 * @param st total index
 * @param stLow lower end of its interval
 * @param stHigh upper end of its interval
 * @param mu mean elementary effect
 * @param muStar mean absolute elementary effect
 * @param sigma standard deviation of the elementary effects
 * @param state {@link #SUCCESS}, {@link #NOT_FINITE} or {@link #CONSTANT}
 */
public record GlobalSensitivityRow(
    String quantityPath, String response, String parameterPath,
    double s1, double s1Low, double s1High, double st, double stLow, double stHigh,
    double mu, double muStar, double sigma, String state) {
  /** Indices computed. */
  public static final String SUCCESS = "Success";
  /** Some evaluation gave no finite response (for example no terminal phase for a half-life). */
  public static final String NOT_FINITE = "ResponseNotFinite";
  /** The response did not vary over the design, so it has no variance to apportion. */
  public static final String CONSTANT = "ResponseConstant";

  public GlobalSensitivityRow {
    Objects.requireNonNull(quantityPath, "quantityPath");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(parameterPath, "parameterPath");
    Objects.requireNonNull(state, "state");
  }

  /** A Sobol row. */
  public static GlobalSensitivityRow sobol(String quantityPath, String response, SobolIndex i) {
    return new GlobalSensitivityRow(quantityPath, response, i.parameter(), i.firstOrder(), i.firstOrderLow(),
        i.firstOrderHigh(), i.total(), i.totalLow(), i.totalHigh(), Double.NaN, Double.NaN, Double.NaN, SUCCESS);
  }

  /** A Morris row. */
  public static GlobalSensitivityRow morris(String quantityPath, String response, MorrisEffect e) {
    double nan = Double.NaN;
    return new GlobalSensitivityRow(quantityPath, response, e.parameter(), nan, nan, nan, nan, nan, nan, e.mu(),
        e.muStar(), e.sigma(), SUCCESS);
  }

  /** A row without values. */
  public static GlobalSensitivityRow failed(String quantityPath, String response, String parameterPath, String state) {
    double nan = Double.NaN;
    return new GlobalSensitivityRow(quantityPath, response, parameterPath, nan, nan, nan, nan, nan, nan, nan, nan,
        nan, state);
  }
}
