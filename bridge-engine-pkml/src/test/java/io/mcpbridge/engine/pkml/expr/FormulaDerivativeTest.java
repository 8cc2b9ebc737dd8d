package io.mcpbridge.engine.pkml.expr;

import static io.mcpbridge.engine.pkml.expr.FormulaTesting.identitySlots;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormulaDerivativeTest {

  private static final List<String> XYZ = List.of("x", "y", "z");

  /** Points chosen away from branch switches, ties and singularities of the formulas below. */
  private static final double[][] POINTS = {
    {1.3, 0.7, 2.1},
    {2.5, 1.9, 0.4},
    {0.6, 1.1, 1.7},
  };

  /*
   * Central differences with a step of 1e-6 relative: the truncation error is about
   * h²·|f'''|/6 ≈ 1e-13 for these smooth, moderately sized functions, and the rounding error about
   * eps·|f|/h ≈ 1e-10 for |f| ≲ 1e2. A tolerance of 1e-6 relative to max(1, |f'|) is far above
   * both, yet far below any real mistake in a derivative rule (a wrong factor or sign is O(1)).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "x*y + z",
    "x/y - z/x",
    "x^y",
    "x^3 + 2^x + y^0.5",
    "POW(x; y*z)",
    "exp(x*y) + ln(z) + log(x) + log10(y)",
    "sqrt(x*x + y*y)",
    "sin(x)*cos(y) + tan(z)",
    "asin(x/4) + acos(y/4) + atan(z)",
    "sinh(x) + cosh(y) - tanh(z)",
    "x*y*z*(x+y)/(1+z^2)",
    "2*x*y*z*3",
    "(x-y)/(x+y)^2 - x/y/z",
    "x - y + z - x*y - 3 - 2",
    "x > 1 ? x^2*y : y/x",
    "min(x*y; z) + max(x; y^2)",
    "1/(1+10^(x*(y-z)))",
    "exp(-x*y)*z",
    "-x^2 - (y) + x*(x > 1)",
    "x^y^z",
    "(x > 0) AND (y > 0) ? x^(1/3) * z : 0",
  })
  void givenSmoothFormula_partial_matchesCentralDifference(String text) {
    Formula f = Formula.parse(text, XYZ);
    int[] slots = identitySlots(3);
    for (double[] point : POINTS) {
      for (int i = 0; i < 3; i++) {
        double analytic = f.partial(i, point, slots);
        double numeric = centralDifference(f, point, i);
        assertThat(analytic)
            .as("d(%s)/d%s at %s", text, XYZ.get(i), Arrays.toString(point))
            .isCloseTo(numeric, Offset.offset(1e-6 * Math.max(1, Math.abs(numeric))));
      }
    }
  }

  private static double centralDifference(Formula f, double[] point, int i) {
    double[] p = point.clone();
    double h = 1e-6 * Math.max(1, Math.abs(point[i]));
    int[] slots = identitySlots(point.length);
    p[i] = point[i] + h;
    double up = f.evaluate(p, slots);
    p[i] = point[i] - h;
    double down = f.evaluate(p, slots);
    return (up - down) / (2 * h);
  }

  private static double partial(String text, List<String> aliases, int i, double... values) {
    return Formula.parse(text, aliases).partial(i, values, identitySlots(values.length));
  }

  @Test
  void givenConditional_partial_differentiatesActiveBranchOnly() {
    List<String> names = List.of("c", "a", "b");
    String text = "c ? a*a : b*b";
    assertThat(partial(text, names, 1, 1, 3, 5)).isEqualTo(6);
    assertThat(partial(text, names, 2, 1, 3, 5)).isEqualTo(0);
    assertThat(partial(text, names, 2, 0, 3, 5)).isEqualTo(10);
    assertThat(partial(text, names, 1, 2, 3, 5)).isEqualTo(0);
    assertThat(partial(text, names, 0, 1, 3, 5)).isEqualTo(0);
    assertThat(partial(text, names, 1, Double.NaN, 3, 5)).isNaN();
  }

  @Test
  void givenMinMax_partial_differentiatesActiveArgument() {
    List<String> ab = List.of("a", "b");
    assertThat(partial("min(2*a; 3*b)", ab, 0, 1, 1)).isEqualTo(2);
    assertThat(partial("min(2*a; 3*b)", ab, 1, 1, 1)).isEqualTo(0);
    assertThat(partial("min(2*a; 3*b)", ab, 1, 2, 1)).isEqualTo(3);
    assertThat(partial("max(2*a; 3*b)", ab, 1, 1, 1)).isEqualTo(3);
    assertThat(partial("max(2*a; 3*b)", ab, 0, 2, 1)).isEqualTo(2);
    // on a tie the second argument is the active one, as in OSP
    assertThat(partial("min(a; b)", ab, 0, 1, 1)).isEqualTo(0);
    assertThat(partial("min(a; b)", ab, 1, 1, 1)).isEqualTo(1);
    assertThat(partial("max(a; b)", ab, 1, 1, 1)).isEqualTo(1);
    assertThat(partial("min(a; b)", ab, 0, Double.NaN, 1)).isNaN();
  }

  @Test
  void givenComparisonsAndLogic_partial_isZero() {
    List<String> ab = List.of("a", "b");
    for (String text : List.of("a > b", "a = b", "NOT a", "a AND b", "a OR b", "GT(a; b)")) {
      Formula f = Formula.parse(text, ab);
      assertThat(f.dependsOn(0)).as(text).isTrue();
      assertThat(f.partial(0, new double[] {1, 2}, identitySlots(2))).as(text).isEqualTo(0);
    }
  }

  @Test
  void givenReferenceNotInFormula_partial_isZero() {
    assertThat(partial("a*3", List.of("a", "b"), 1, 2, 5)).isEqualTo(0);
    assertThat(partial("1 > 2 ? b : a", List.of("a", "b"), 1, 2, 5)).isEqualTo(0);
  }

  @Test
  void givenPowers_partial_avoidsSpuriousNan() {
    List<String> xy = List.of("x", "y");
    // constant exponent on a negative base: no ln term, so no NaN
    assertThat(partial("x^3", xy, 0, -2, 0)).isEqualTo(12);
    assertThat(partial("x^2", xy, 0, 0, 0)).isEqualTo(0);
    assertThat(partial("x^1", xy, 0, 0, 0)).isEqualTo(1);
    assertThat(partial("x^0", xy, 0, 0, 0)).isEqualTo(0);
    assertThat(partial("x^0.5", xy, 0, 0, 0)).isEqualTo(Double.POSITIVE_INFINITY);
    // variable exponent
    assertThat(partial("x^y", xy, 1, 2, 3)).isCloseTo(8 * Math.log(2), Offset.offset(1e-15));
    assertThat(partial("x^y", xy, 0, 2, 3)).isEqualTo(12);
    assertThat(partial("x^y", xy, 1, 0, 2)).isEqualTo(0);
    assertThat(partial("POW(2; x)", xy, 0, 3, 0)).isEqualTo(8 * Math.log(2));
  }

  @Test
  void givenZeroOuterFactor_partial_ignoresInfiniteInnerDerivative() {
    List<String> x = List.of("x");
    assertThat(partial("0*sqrt(x)", x, 0, 0)).isEqualTo(0);
    assertThat(partial("x*sqrt(x)", x, 0, 0)).isEqualTo(0);
    assertThat(partial("2*sqrt(x)", x, 0, 4)).isEqualTo(0.5);
  }

  @Test
  void givenSlots_partial_readsValuesThroughThem() {
    Formula f = Formula.parse("k * A * A", List.of("k", "A"));
    double[] values = {0, 3, 0, 5};
    int[] slots = {1, 3};
    assertThat(f.partial(0, values, slots)).isEqualTo(25);
    assertThat(f.partial(1, values, slots)).isEqualTo(30);
  }
}
