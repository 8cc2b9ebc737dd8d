package io.mcpbridge.core.service.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Type-7 percentiles, against values R's quantile(1:10, p) prints. */
class PercentilesTest {
  private static final double[] ONE_TO_TEN = {7, 3, 10, 1, 5, 2, 9, 4, 8, 6};

  @Test
  void matchesRsDefaultQuantile() {
    assertThat(Percentiles.of(ONE_TO_TEN, 5)).isCloseTo(1.45, within(1e-12));
    assertThat(Percentiles.of(ONE_TO_TEN, 25)).isCloseTo(3.25, within(1e-12));
    assertThat(Percentiles.of(ONE_TO_TEN, 50)).isCloseTo(5.5, within(1e-12));
    assertThat(Percentiles.of(ONE_TO_TEN, 75)).isCloseTo(7.75, within(1e-12));
    assertThat(Percentiles.of(ONE_TO_TEN, 95)).isCloseTo(9.55, within(1e-12));
    assertThat(Percentiles.of(ONE_TO_TEN, 0)).isEqualTo(1);
    assertThat(Percentiles.of(ONE_TO_TEN, 100)).isEqualTo(10);
  }

  @Test
  void ignoresNaN_andIsNaNWithoutValues() {
    assertThat(Percentiles.of(new double[] {Double.NaN, 2, 4}, 50)).isEqualTo(3);
    assertThat(Percentiles.of(new double[] {Double.NaN}, 50)).isNaN();
    assertThat(Percentiles.of(new double[] {42}, 95)).isEqualTo(42);
  }
}
