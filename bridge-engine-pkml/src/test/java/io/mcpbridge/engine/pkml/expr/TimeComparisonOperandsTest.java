package io.mcpbridge.engine.pkml.expr;

import static io.mcpbridge.engine.pkml.expr.FormulaTesting.identitySlots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeComparisonOperandsTest {

  private static List<String> texts(List<Formula> formulas) {
    return formulas.stream().map(Formula::text).toList();
  }

  @Test
  void givenBolusCondition_timeComparisonOperands_returnsStartTime() {
    Formula f = Formula.parse("Time = StartTime", List.of("Time", "StartTime"));
    List<Formula> operands = f.timeComparisonOperands(0);
    assertThat(texts(operands)).containsExactly("StartTime");
    Formula x = operands.get(0);
    assertThat(x.aliases()).containsExactly("Time", "StartTime");
    assertThat(x.dependsOn(0)).isFalse();
    assertThat(x.dependsOn(1)).isTrue();
    assertThat(x.evaluate(new double[] {0, 15}, identitySlots(2))).isEqualTo(15);
  }

  @Test
  void givenConjunctionOfComparisons_timeComparisonOperands_returnsEveryTimeOperand() {
    List<String> aliases = List.of("Time", "Dose_time", "active", "dose_end_time");
    Formula f = Formula.parse(
        "(Time > Dose_time) AND (active = 1) AND (Time < dose_end_time)", aliases);
    assertThat(texts(f.timeComparisonOperands(0))).containsExactly("Dose_time", "dose_end_time");
  }

  @Test
  void givenTimeOnTheRight_timeComparisonOperands_returnsLeftOperand() {
    Formula f = Formula.parse("StartTime <= Time", List.of("StartTime", "Time"));
    assertThat(texts(f.timeComparisonOperands(1))).containsExactly("StartTime");
  }

  @Test
  void givenConditionWithoutTime_timeComparisonOperands_isEmpty() {
    Formula f = Formula.parse("(M > 5) AND (active = 1)", List.of("Time", "M", "active"));
    assertThat(f.timeComparisonOperands(0)).isEmpty();
    assertThat(f.timeComparisonOperands(-1)).isEmpty();
  }

  @Test
  void givenNegativeTimeIndex_timeComparisonOperands_isEmpty() {
    Formula f = Formula.parse("Time = StartTime", List.of("Time", "StartTime"));
    assertThat(f.timeComparisonOperands(-1)).isEmpty();
    assertThatThrownBy(() -> f.timeComparisonOperands(2))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void givenOperandExpressions_timeComparisonOperands_returnsThemAsWritten() {
    List<String> aliases = List.of("Time", "T1", "T2");
    Formula f = Formula.parse("NOT (Time >= T1 + T2) OR (Time > 2*60) OR EQ(Time; (T1))", aliases);
    List<Formula> operands = f.timeComparisonOperands(0);
    assertThat(texts(operands)).containsExactly("T1 + T2", "2*60", "(T1)");
    assertThat(operands.get(0).evaluate(new double[] {0, 3, 4}, identitySlots(3))).isEqualTo(7);
    assertThat(operands.get(1).isConstant()).isTrue();
    assertThat(operands.get(1).evaluate(new double[0], new int[0])).isEqualTo(120);
    for (Formula x : operands) {
      Formula reparsed = Formula.parse(x.text(), aliases);
      assertThat(reparsed.evaluate(new double[] {0, 3, 4}, identitySlots(3)))
          .isEqualTo(x.evaluate(new double[] {0, 3, 4}, identitySlots(3)));
    }
  }

  @Test
  void givenTimeInsideArithmetic_timeComparisonOperands_ignoresIt() {
    Formula f = Formula.parse("Time + 1 > a", List.of("Time", "a"));
    assertThat(f.timeComparisonOperands(0)).isEmpty();
  }

  @Test
  void givenConditionalCondition_timeComparisonOperands_searchesBranchesNotTheCondition() {
    // as in OSP: the then/else branches of ?: are searched, its condition is not
    List<String> aliases = List.of("Time", "c", "a", "b");
    assertThat(texts(Formula.parse("c ? Time > a : Time > b", aliases).timeComparisonOperands(0)))
        .containsExactly("a", "b");
    assertThat(Formula.parse("(Time > a) ? 1 : 0", aliases).timeComparisonOperands(0)).isEmpty();
  }
}
