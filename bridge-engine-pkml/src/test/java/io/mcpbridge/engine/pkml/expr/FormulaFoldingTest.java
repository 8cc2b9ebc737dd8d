package io.mcpbridge.engine.pkml.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Formula#foldedValue}: which values fixed references decide on their own. */
class FormulaFoldingTest {
  private static final int[] SLOTS = {0, 1, 2};

  private static OptionalDouble fold(String text, Set<Integer> known, double... values) {
    return Formula.parse(text, List.of("k", "A", "V")).foldedValue(known::contains, values, SLOTS);
  }

  @Test
  void aKnownZeroFactorOrNumeratorDecidesWhateverTheRest() {
    assertThat(fold("k*A", Set.of(0), 0, Double.NaN, 1)).hasValue(0.0);
    assertThat(fold("A*V*k", Set.of(0), 0, Double.NaN, Double.NaN)).hasValue(0.0);
    assertThat(fold("k*A/V", Set.of(0), 0, 5, 1)).hasValue(0.0);
    assertThat(fold("(k*A)/V", Set.of(0), 0, 5, 1)).hasValue(0.0);
  }

  @Test
  void aKnownNonZeroFactorDoesNot() {
    assertThat(fold("k*A", Set.of(0), 2, 5, 1)).isEmpty();
    assertThat(fold("k+A", Set.of(0), 0, 5, 1)).isEmpty();
    assertThat(fold("A/k", Set.of(0), 0, 5, 1)).isEmpty();
  }

  @Test
  void allReferencesKnownGivesTheValue() {
    assertThat(fold("k*A+V", Set.of(0, 1, 2), 2, 3, 4)).hasValue(10.0);
  }

  @Test
  void aKnownConditionSelectsItsBranch() {
    assertThat(fold("k=1 ? A : 0", Set.of(0), 0, 5, 1)).hasValue(0.0);
    assertThat(fold("k=1 ? A : 0", Set.of(0), 1, 5, 1)).isEmpty();
    // An unknown condition decides nothing, even with equal branches: it may be NaN.
    assertThat(fold("A>0 ? k : k", Set.of(0), 0, 5, 1)).isEmpty();
  }
}
