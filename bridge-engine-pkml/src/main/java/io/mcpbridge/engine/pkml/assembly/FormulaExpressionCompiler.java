package io.mcpbridge.engine.pkml.assembly;

import io.mcpbridge.engine.pkml.expr.Formula;
import io.mcpbridge.engine.pkml.expr.FormulaException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.IntPredicate;

/**
 * The production {@link ExpressionCompiler}: OSP's formula language as implemented by
 * {@link Formula} (PKML-ENGINE.md section 3), with exact partial derivatives.
 */
public final class FormulaExpressionCompiler implements ExpressionCompiler {

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException with the parser's description (formula, position, problem)
   *     if the text is not a valid formula over these aliases
   */
  @Override
  public Expression compile(String text, List<String> aliases) {
    try {
      return new FormulaExpression(Formula.parse(text, aliases));
    } catch (FormulaException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Adapts a parsed {@link Formula} to the assembly's {@link Expression}. */
  private static final class FormulaExpression implements Expression {
    private final Formula formula;

    FormulaExpression(Formula formula) {
      this.formula = formula;
    }

    @Override
    public double evaluate(double[] values, int[] slots) {
      return formula.evaluate(values, slots);
    }

    @Override
    public double partial(int i, double[] values, int[] slots) {
      return formula.partial(i, values, slots);
    }

    @Override
    public boolean dependsOn(int i) {
      return formula.dependsOn(i);
    }

    @Override
    public OptionalDouble foldedValue(IntPredicate known, double[] values, int[] slots) {
      return formula.foldedValue(known, values, slots);
    }

    @Override
    public boolean isConstant() {
      return formula.isConstant();
    }

    @Override
    public List<Expression> timeComparisonOperands(int timeIndex) {
      List<Expression> out = new ArrayList<>();
      for (Formula operand : formula.timeComparisonOperands(timeIndex)) {
        out.add(new FormulaExpression(operand));
      }
      return List.copyOf(out);
    }

    @Override
    public String text() {
      return formula.text();
    }

    @Override
    public String toString() {
      return formula.text();
    }
  }
}
