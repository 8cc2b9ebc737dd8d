package io.mcpbridge.core.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of PK-AND-SENSITIVITY §2.7: P0 = 2, n = 2, range 0.1. Expected values are
 * printed with 8 significant digits, so they are compared to half a unit of the last digit.
 */
class SensitivityFormulaTest {
  private static final double P0 = 2;
  private static final double[] VARIED = VariationValues.around(P0, 2, 0.1);

  private static double sensitivityOf(DoubleUnaryOperator pk) {
    double[] pks = new double[VARIED.length];
    for (int i = 0; i < VARIED.length; i++) {
      pks[i] = pk.applyAsDouble(VARIED[i]);
    }
    return SensitivityFormula.sensitivity(P0, pk.applyAsDouble(P0), VARIED, pks);
  }

  @Test
  void variationsAreP0OverFAndP0TimesF() {
    assertThat(VARIED).hasSize(4);
    assertThat(VARIED[0]).isCloseTo(1.9047619, within(5e-8));
    assertThat(VARIED[1]).isCloseTo(2.1, within(1e-15));
    assertThat(VARIED[2]).isCloseTo(1.8181818, within(5e-8));
    assertThat(VARIED[3]).isCloseTo(2.2, within(1e-15));
    assertThat(VariationValues.around(10, 1, 0.5)).containsExactly(10 / 1.5, 15.0);
  }

  @Test
  void squareGivesTheAveragedFiniteDifference() {
    assertThat(sensitivityOf(p -> p * p)).isCloseTo(2.0028680, within(5e-8));
  }

  @Test
  void reciprocalGivesMinusOnePlus() {
    assertThat(sensitivityOf(p -> 1 / p)).isCloseTo(-1.0028680, within(5e-8));
  }

  @Test
  void identityGivesOne() {
    assertThat(sensitivityOf(p -> p)).isCloseTo(1.0, within(1e-14));
  }

  @Test
  void constantGivesZero() {
    assertThat(sensitivityOf(p -> 7.5)).isEqualTo(0.0);
  }

  @Test
  void negligibleSensitivityIsZero() {
    // PK = 1 + 5e-5·P: S ≈ 5e-5·2/(1 + 1e-4) < 1e-4.
    assertThat(sensitivityOf(p -> 1 + 5e-5 * p)).isEqualTo(0.0);
    // PK = 1 + 1e-4·P: S ≈ 2e-4, kept.
    assertThat(sensitivityOf(p -> 1 + 1e-4 * p)).isCloseTo(2e-4 / (1 + 2e-4), within(1e-12));
  }

  @Test
  void unusableDefaultValueGivesNaN() {
    assertThat(sensitivityOf(p -> 0.0)).isNaN();
    assertThat(SensitivityFormula.sensitivity(P0, Double.NaN, VARIED, new double[] {1, 1, 1, 1})).isNaN();
    assertThat(SensitivityFormula.sensitivity(P0, Double.POSITIVE_INFINITY, VARIED, new double[] {1, 1, 1, 1})).isNaN();
    assertThat(SensitivityFormula.usableDefault(-3)).isTrue();
  }

  @Test
  void malformedVariationsAreRefused() {
    assertThatThrownBy(() -> VariationValues.around(0, 2, 0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VariationValues.around(1, 0, 0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VariationValues.around(1, 2, 1.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SensitivityFormula.sensitivity(1, 1, new double[] {1}, new double[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
