package io.mcpbridge.engine.pkml.assembly;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.IntPredicate;

/**
 * A parsed formula expression whose references are read from a value array through a slot array:
 * reference {@code i} reads {@code values[slots[i]]}. One instance is shared by every quantity
 * that uses the same formula text; the slots differ per user.
 */
public interface Expression {

  /** Value of the expression. */
  double evaluate(double[] values, int[] slots);

  /** Exact partial derivative with respect to reference {@code i}. */
  double partial(int i, double[] values, int[] slots);

  /** Whether the expression can depend on reference {@code i} at all. */
  boolean dependsOn(int i);

  /**
   * The value if the references accepted by {@code known} decide it (e.g. {@code k*A} with a
   * known {@code k = 0} is 0 whatever A is); empty otherwise.
   */
  OptionalDouble foldedValue(IntPredicate known, double[] values, int[] slots);

  /** Whether the expression is constant (references none that matter). */
  boolean isConstant();

  /**
   * The operands X of comparisons {@code Time <op> X} / {@code X <op> Time} in this expression,
   * over the same references, where reference {@code timeIndex} is the time.
   */
  List<Expression> timeComparisonOperands(int timeIndex);

  /** The expression text. */
  String text();
}
