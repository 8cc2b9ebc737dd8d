package io.mcpbridge.core.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SampleStatisticsTest {
  private static final List<Double> P = List.of(0.05, 0.25, 0.5, 0.75, 0.95);

  @Test
  void matchesRsDefaults() {
    // R: x <- c(10, 1, 3, 2, 4); quantile(x, c(.05,.25,.5,.75,.95)) -> 1.2 2 3 4 8.8; sd(x) -> 3.535534
    SampleStatistics s = SampleStatistics.of(new double[] {10, 1, 3, 2, 4}, P);
    assertThat(s.n()).isEqualTo(5);
    assertThat(s.mean()).isEqualTo(4.0);
    assertThat(s.sd()).isCloseTo(3.5355339059327378, within(1e-15));
    assertThat(s.geoMean()).isCloseTo(2.9925557394776896, within(1e-14));
    assertThat(s.geoSd()).isCloseTo(2.344336172702289, within(1e-14));
    assertThat(s.min()).isEqualTo(1.0);
    assertThat(s.max()).isEqualTo(10.0);
    assertThat(s.percentiles()).containsExactly(new double[] {1.2, 2, 3, 4, 8.8}, within(1e-12));
  }

  @Test
  void type7InterpolatesBetweenOrderStatistics() {
    // R: quantile(1:10, c(0, .1, .33, 1)) -> 1.00 1.90 3.97 10.00
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(SampleStatistics.type7(sorted, 0)).isEqualTo(1.0);
    assertThat(SampleStatistics.type7(sorted, 0.1)).isCloseTo(1.9, within(1e-12));
    assertThat(SampleStatistics.type7(sorted, 0.33)).isCloseTo(3.97, within(1e-12));
    assertThat(SampleStatistics.type7(sorted, 1)).isEqualTo(10.0);
  }

  @Test
  void nonFiniteValuesAreLeftOutAndNonPositiveValuesHaveNoGeometricStatistics() {
    SampleStatistics s = SampleStatistics.of(new double[] {Double.NaN, 0, 2, Double.POSITIVE_INFINITY}, P);
    assertThat(s.n()).isEqualTo(2);
    assertThat(s.mean()).isEqualTo(1.0);
    assertThat(s.geoMean()).isNaN();
    assertThat(s.geoSd()).isNaN();
    SampleStatistics one = SampleStatistics.of(new double[] {3}, P);
    assertThat(one.sd()).isNaN();
    assertThat(one.percentiles()).containsOnly(3.0);
    SampleStatistics none = SampleStatistics.of(new double[] {Double.NaN}, P);
    assertThat(none.n()).isZero();
    assertThat(none.percentiles()).containsOnly(Double.NaN);
  }
}
