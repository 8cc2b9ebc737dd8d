package io.mcpbridge.engine.pkml.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.engine.pkml.expr.FormulaException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormulaExpressionCompilerTest {
  private final ExpressionCompiler compiler = new FormulaExpressionCompiler();

  @Test
  void evaluatesWithSlotsAndExactPartials() {
    Expression e = compiler.compile("V>0 ? M/V : 0", List.of("M", "V"));
    double[] values = {0, 6, 3};
    int[] slots = {1, 2};
    assertThat(e.evaluate(values, slots)).isEqualTo(2.0);
    assertThat(e.partial(0, values, slots)).isEqualTo(1.0 / 3);
    assertThat(e.partial(1, values, slots)).isEqualTo(-6.0 / 9);
    assertThat(e.dependsOn(0)).isTrue();
    assertThat(e.isConstant()).isFalse();
    assertThat(e.text()).isEqualTo("V>0 ? M/V : 0");
    assertThat(compiler.compile("2*3", List.of()).isConstant()).isTrue();
  }

  @Test
  void timeOperandsAreExpressionsOverTheSameReferences() {
    Expression e = compiler.compile("(Time >= Start + 1) AND (Time < End)", List.of("Time", "Start", "End"));
    List<Expression> x = e.timeComparisonOperands(0);
    assertThat(x).hasSize(2);
    double[] values = {0, 4, 9};
    int[] slots = {0, 1, 2};
    assertThat(x.get(0).evaluate(values, slots)).isEqualTo(5.0);
    assertThat(x.get(1).evaluate(values, slots)).isEqualTo(9.0);
  }

  @Test
  void syntaxErrorsBecomeIllegalArgumentWithTheParsersDescription() {
    assertThatThrownBy(() -> compiler.compile("ka*(Gut", List.of("ka", "Gut")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasCauseInstanceOf(FormulaException.class)
        .hasMessageContaining("ka*(Gut");
    assertThatThrownBy(() -> compiler.compile("a+b", List.of("a")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b");
  }
}
