package io.mcpbridge.core.pk;

/**
 * The terminal-phase window chosen by the best-fit ({@code nca}) rule, and its log-linear fit.
 *
 * @param points number of samples in the regression (at least 3)
 * @param firstTime time of the first sample in the regression (min)
 * @param lastTime time of the last sample in the regression (min)
 * @param lambdaZ terminal rate constant λz = −slope of ln C over t (1/min), positive
 * @param rSquared coefficient of determination of the regression
 * @param adjustedRSquared 1 − (1 − R²)·(points − 1)/(points − 2)
 * @param span (lastTime − firstTime)/Thalf with Thalf = ln 2/λz: how many half-lives the window covers
 */
public record LambdaZWindow(
    int points, double firstTime, double lastTime, double lambdaZ, double rSquared, double adjustedRSquared,
    double span) {

  public LambdaZWindow {
    if (points < BestFitLambdaZ.MIN_POINTS) {
      throw new IllegalArgumentException("a terminal window needs at least " + BestFitLambdaZ.MIN_POINTS + " points");
    }
    if (!(lambdaZ > 0) || !Double.isFinite(lambdaZ)) {
      throw new IllegalArgumentException("λz must be positive and finite: " + lambdaZ);
    }
  }

  /** ln 2/λz (min). */
  public double halfLife() {
    return Math.log(2.0) / lambdaZ;
  }
}
