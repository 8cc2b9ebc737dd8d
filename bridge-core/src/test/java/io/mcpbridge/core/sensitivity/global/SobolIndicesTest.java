package io.mcpbridge.core.sensitivity.global;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.port.RunControl;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Saltelli sampling with the Saltelli 2010 first-order and Jansen total estimators on functions
 * with known indices. Tolerance: every analytic index must lie inside its 99 % percentile
 * bootstrap interval (1000 resamples) at N = 2^14 base samples, and each interval must be
 * narrower than ±0.05, so the check has teeth.
 */
class SobolIndicesTest {
  private static final int BASE_SAMPLES = 1 << 14;
  private static final SobolSettings SETTINGS = new SobolSettings(BASE_SAMPLES, 1000, 0.99, 20261203L);
  private static final double MAX_HALF_WIDTH = 0.05;

  @Test
  void closedFormsMatchThePublishedIshigamiIndices() {
    assertThat(AnalyticTestFunctions.ishigamiFirstOrder()).containsExactly(new double[] {0.3139, 0.4424, 0}, within(5e-5));
    assertThat(AnalyticTestFunctions.ishigamiTotal()).containsExactly(new double[] {0.5576, 0.4424, 0.2437}, within(5e-5));
  }

  @Test
  void ishigamiIndicesLieInsideTheirIntervals() {
    GlobalSensitivityPlanner planner = new GlobalSensitivityPlanner(AnalyticTestFunctions.ishigamiParameters());
    SobolResult result = planner.sobol(SETTINGS, AnalyticTestFunctions::ishigami, ResponseEvaluator.withThreads(2),
        RunControl.unbounded());

    assertThat(result.evaluations()).isEqualTo(BASE_SAMPLES * 5);
    assertCovered(result.indices(), AnalyticTestFunctions.ishigamiFirstOrder(), AnalyticTestFunctions.ishigamiTotal());
  }

  @Test
  void gFunctionIntervalsCoverTheAnalyticIndicesAtTheirNominalRate() {
    // One seed checks 16 indices against 99 % intervals: even exact intervals miss one of them in
    // about 15 % of seeds, so a single seed only tests luck. Over 20 seeds (320 checks, N = 2^12,
    // 300 resamples) a correct estimator misses about 1-2 % (percentile intervals run slightly
    // narrow); the bound of 5 % fails biased estimators and intervals that are too narrow.
    GlobalSensitivityPlanner planner = new GlobalSensitivityPlanner(AnalyticTestFunctions.gFunctionParameters());
    double[] first = AnalyticTestFunctions.gFirstOrder();
    double[] total = AnalyticTestFunctions.gTotal();
    int checks = 0;
    int misses = 0;
    for (long seed = 1; seed <= 20; seed++) {
      SobolResult result = planner.sobol(new SobolSettings(1 << 12, 300, 0.99, 20261203L + seed),
          AnalyticTestFunctions::gFunction, ResponseEvaluator.withThreads(2), RunControl.unbounded());
      assertThat(result.evaluations()).isEqualTo((1 << 12) * 10);
      for (int i = 0; i < first.length; i++) {
        SobolIndex index = result.indices().get(i);
        checks += 2;
        misses += first[i] < index.firstOrderLow() || first[i] > index.firstOrderHigh() ? 1 : 0;
        misses += total[i] < index.totalLow() || total[i] > index.totalHigh() ? 1 : 0;
        assertThat(index.firstOrderHigh() - index.firstOrderLow()).isLessThan(4 * MAX_HALF_WIDTH);
      }
      // the ranking follows the coefficients: smaller a_i, larger index
      for (int i = 0; i < 3; i++) {
        assertThat(result.indices().get(i).total()).isGreaterThan(result.indices().get(i + 1).total());
      }
    }
    assertThat(misses).as("analytic indices outside their 99 %% intervals, of %d", checks)
        .isLessThanOrEqualTo(checks / 20);
  }

  @Test
  void sameSeedGivesTheSameIndicesWhateverTheParallelism() {
    GlobalSensitivityPlanner planner = new GlobalSensitivityPlanner(AnalyticTestFunctions.ishigamiParameters());
    SobolSettings small = new SobolSettings(512, 200, 0.95, 7L);
    SobolResult one = planner.sobol(small, AnalyticTestFunctions::ishigami, ResponseEvaluator.withThreads(1),
        RunControl.unbounded());
    SobolResult three = planner.sobol(small, AnalyticTestFunctions::ishigami, ResponseEvaluator.withThreads(3),
        RunControl.unbounded());
    SobolResult otherSeed = planner.sobol(new SobolSettings(512, 200, 0.95, 8L), AnalyticTestFunctions::ishigami,
        ResponseEvaluator.withThreads(1), RunControl.unbounded());

    assertThat(three).isEqualTo(one);
    assertThat(otherSeed.indices()).isNotEqualTo(one.indices());
  }

  @Test
  void splitHalvesGiveWhatTheWholeRunGives() {
    GlobalSensitivityPlanner planner = new GlobalSensitivityPlanner(AnalyticTestFunctions.ishigamiParameters());
    SobolSettings small = new SobolSettings(256, 100, 0.9, 11L);
    double[][] samples = planner.sobolSamples(small);
    double[] responses = new double[samples.length];
    for (int j = 0; j < samples.length; j++) {
      responses[j] = AnalyticTestFunctions.ishigami(samples[j]);
    }

    assertThat(planner.sobolFrom(small, responses)).isEqualTo(planner.sobol(small, AnalyticTestFunctions::ishigami,
        ResponseEvaluator.withThreads(2), RunControl.unbounded()));
  }

  @Test
  void saltelliMatricesShareEverythingButOneColumn() {
    SaltelliDesign design = SaltelliDesign.draw(3, 4, 5L);
    double[][] points = design.points();
    assertThat(points).hasNumberOfRows(4 * 5);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        double[] a = points[j];
        double[] b = points[4 + j];
        double[] ab = points[(2 + i) * 4 + j];
        for (int c = 0; c < 3; c++) {
          assertThat(ab[c]).isEqualTo(c == i ? b[c] : a[c]);
        }
      }
    }
  }

  private static void assertCovered(List<SobolIndex> indices, double[] first, double[] total) {
    assertThat(indices).hasSize(first.length);
    for (int i = 0; i < first.length; i++) {
      SobolIndex index = indices.get(i);
      assertThat(first[i]).as("S%d of %s", i + 1, index).isBetween(index.firstOrderLow(), index.firstOrderHigh());
      assertThat(total[i]).as("ST%d of %s", i + 1, index).isBetween(index.totalLow(), index.totalHigh());
      assertThat(index.firstOrderLow()).isLessThanOrEqualTo(index.firstOrder());
      assertThat(index.firstOrderHigh()).isGreaterThanOrEqualTo(index.firstOrder());
      assertThat(index.firstOrderHigh() - index.firstOrderLow()).as("S%d interval", i + 1)
          .isLessThan(2 * MAX_HALF_WIDTH);
      assertThat(index.totalHigh() - index.totalLow()).as("ST%d interval", i + 1).isLessThan(2 * MAX_HALF_WIDTH);
    }
  }
}
