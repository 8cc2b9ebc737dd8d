package io.mcpbridge.core.sensitivity.global;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.port.RunControl;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Morris statistics against values derived by hand.
 *
 * <p>Linear response: every elementary effect of p_i is c_i·(max_i − min_i), so μ = that,
 * μ* = its magnitude and σ = 0.
 *
 * <p>Ishigami on 4 levels (x = −π, −π/3, π/3, π; Δ = 2/3 moves two levels): every step of x2 changes
 * a·sin² x2 by a·3/4, so |EE2| = 9a/8 = 7.875 exactly on every trajectory. x1's step changes sin x1
 * by √3/2 times (1 + b·x3⁴) at x3's current level, equally likely any of the four, so
 * E|EE1| = (√3/2)(1 + b(π⁴ + (π/3)⁴)/2)/Δ ≈ 7.70; x3's step changes b·x3⁴ by b(π⁴ − (π/3)⁴) times
 * sin x1, of magnitude 0 or √3/2 with equal chance, so E|EE3| = b(π⁴ − (π/3)⁴)(√3/4)/Δ ≈ 6.25. Each
 * |EE| takes two values with probability ½, so its standard deviation is half their difference;
 * the tolerance on μ*1 and μ*3 is 4 standard errors at r = 1000.
 */
class MorrisElementaryEffectsTest {
  private static final double[] COEFFICIENTS = {3, -0.5, 0};

  @Test
  void linearResponseHasConstantEffectsOfSlopeTimesRange() {
    List<GlobalParameter> parameters = List.of(GlobalParameter.uniform("p1", 0, 2),
        GlobalParameter.uniform("p2", 10, 20), GlobalParameter.uniform("p3", -1, 1));
    GlobalSensitivityPlanner planner = new GlobalSensitivityPlanner(parameters);

    MorrisResult result = planner.morris(new MorrisSettings(20, 4, 99L),
        p -> COEFFICIENTS[0] * p[0] + COEFFICIENTS[1] * p[1] + COEFFICIENTS[2] * p[2],
        ResponseEvaluator.withThreads(2), RunControl.unbounded());

    assertThat(result.evaluations()).isEqualTo(20 * 4);
    double[] ranges = {2, 10, 2};
    for (int i = 0; i < 3; i++) {
      MorrisEffect effect = result.effects().get(i);
      assertThat(effect.mu()).as("mu of p%d", i + 1).isCloseTo(COEFFICIENTS[i] * ranges[i], within(1e-9));
      assertThat(effect.muStar()).as("mu* of p%d", i + 1).isCloseTo(Math.abs(COEFFICIENTS[i]) * ranges[i], within(1e-9));
      assertThat(effect.sigma()).as("sigma of p%d", i + 1).isCloseTo(0, within(1e-9));
    }
  }

  @Test
  void ishigamiEffectsMatchTheirDerivedValues() {
    GlobalSensitivityPlanner planner = new GlobalSensitivityPlanner(AnalyticTestFunctions.ishigamiParameters());
    int r = 1000;
    MorrisResult result = planner.morris(new MorrisSettings(r, 4, 4242L), AnalyticTestFunctions::ishigami,
        ResponseEvaluator.withThreads(2), RunControl.unbounded());

    double a = AnalyticTestFunctions.ISHIGAMI_A;
    double b = AnalyticTestFunctions.ISHIGAMI_B;
    double delta = 2.0 / 3;
    double sinStep = Math.sqrt(3) / 2;
    double far = Math.pow(Math.PI, 4);
    double near = Math.pow(Math.PI / 3, 4);

    assertThat(result.effects().get(1).muStar()).isCloseTo(9 * a / 8, within(1e-9));

    double high1 = sinStep * (1 + b * far) / delta;
    double low1 = sinStep * (1 + b * near) / delta;
    double expected1 = (high1 + low1) / 2;
    double standardError1 = (high1 - low1) / 2 / Math.sqrt(r);
    assertThat(result.effects().get(0).muStar()).isCloseTo(expected1, within(4 * standardError1));

    double high3 = b * (far - near) * sinStep / delta;
    double expected3 = high3 / 2;
    double standardError3 = high3 / 2 / Math.sqrt(r);
    assertThat(result.effects().get(2).muStar()).isCloseTo(expected3, within(4 * standardError3));

    // x3 acts only through its interaction with x1: least important by μ*, yet with a large σ
    assertThat(result.effects().get(2).muStar()).isLessThan(result.effects().get(0).muStar())
        .isLessThan(result.effects().get(1).muStar());
    assertThat(result.effects().get(2).sigma()).isGreaterThan(1);
  }

  @Test
  void trajectoriesMoveOneParameterByDeltaPerStepOnTheGrid() {
    MorrisDesign design = MorrisDesign.draw(5, 30, 6, 1L);
    double[][] points = design.points();
    double delta = 6 / 10.0;
    assertThat(design.delta()).isEqualTo(delta);
    for (int t = 0; t < 30; t++) {
      for (int s = 0; s < 5; s++) {
        double[] before = points[t * 6 + s];
        double[] after = points[t * 6 + s + 1];
        int moved = design.movedParameter(t, s);
        for (int i = 0; i < 5; i++) {
          double change = after[i] - before[i];
          assertThat(change).isCloseTo(i == moved ? design.direction(t, i) * delta : 0, within(1e-12));
          assertThat(after[i] * 5).as("a grid level").isCloseTo(Math.rint(after[i] * 5), within(1e-9));
          assertThat(after[i]).isBetween(-1e-12, 1 + 1e-12);
        }
      }
    }
  }

  @Test
  void sameSeedGivesTheSameEffects() {
    GlobalSensitivityPlanner planner = new GlobalSensitivityPlanner(AnalyticTestFunctions.ishigamiParameters());
    MorrisSettings settings = new MorrisSettings(50, 4, 5L);
    MorrisResult one = planner.morris(settings, AnalyticTestFunctions::ishigami, ResponseEvaluator.withThreads(1),
        RunControl.unbounded());
    MorrisResult three = planner.morris(settings, AnalyticTestFunctions::ishigami, ResponseEvaluator.withThreads(3),
        RunControl.unbounded());
    assertThat(three).isEqualTo(one);
  }
}
