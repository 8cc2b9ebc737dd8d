package io.mcpbridge.engine.pkml.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.IntPredicate;

/**
 * A parsed formula string of OSP's expression language (PKML-ENGINE.md section 3), compiled to a
 * tree that evaluates without allocating. Immutable and thread-safe; parse each distinct string
 * once and share the result.
 *
 * <p>References are numbered by their position in the alias list given to {@link #parse}. At
 * evaluation the caller supplies one value array and a slot map, so that one formula can serve
 * many quantities: reference {@code i} takes the value {@code values[slots[i]]}.
 */
public final class Formula {

  private final String text;
  private final List<String> aliases;
  private final Node root;
  /** Comparisons that {@link #timeComparisonOperands} inspects (parse-tree nodes, not mutated). */
  private final List<PNode> comparisons;

  private Formula(String text, List<String> aliases, PNode tree) {
    this.text = text;
    this.aliases = aliases;
    this.root = PNode.compile(tree);
    List<PNode> found = new ArrayList<>();
    PNode.collectComparisons(tree, found);
    this.comparisons = List.copyOf(found);
  }

  /**
   * Parses a formula.
   *
   * @param text the formula, e.g. {@code "V>0 ? M/V : 0"}
   * @param aliases {@code aliases.get(i)} is the name of reference i (case-sensitive); names must
   *     be distinct
   * @return the compiled formula, with constant sub-expressions folded
   * @throws FormulaException on a syntax error, an unknown identifier or function, a function the
   *     simulator does not support (RND, SRND), or a duplicate alias
   * @throws NullPointerException if {@code text}, {@code aliases} or an alias is null
   */
  public static Formula parse(String text, List<String> aliases) {
    Objects.requireNonNull(text, "text");
    List<String> names = List.copyOf(aliases);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      Integer previous = index.putIfAbsent(names.get(i), i);
      if (previous != null) {
        throw new FormulaException(text, -1, "the alias '" + names.get(i)
            + "' is given twice (references " + previous + " and " + i + ")");
      }
    }
    PNode tree = PNode.simplify(Parser.parse(text, index));
    return new Formula(text, names, tree);
  }

  /** The formula text as given to {@link #parse}. */
  public String text() {
    return text;
  }

  /** The alias list given to {@link #parse} (unmodifiable). */
  public List<String> aliases() {
    return aliases;
  }

  /** Number of references, i.e. the size of the alias list (whether used or not). */
  public int referenceCount() {
    return aliases.size();
  }

  /**
   * Evaluates the formula with reference i taking the value {@code values[slots[i]]}. Does not
   * allocate.
   */
  public double evaluate(double[] values, int[] slots) {
    return root.eval(values, slots);
  }

  /**
   * ∂formula/∂(reference i) at the point given as for {@link #evaluate}, computed exactly from the
   * formula's structure. Conventions as in OSP: a conditional differentiates its active branch
   * (NaN for a NaN condition), MIN/MAX their active argument (the second one on a tie, NaN if an
   * argument is NaN), comparisons, logic and constants have derivative 0; a product- or chain-rule
   * term whose outer factor is exactly 0 contributes 0 even if the inner derivative is infinite.
   * Does not allocate.
   *
   * @throws IndexOutOfBoundsException if i is not a reference index
   */
  public double partial(int i, double[] values, int[] slots) {
    Objects.checkIndex(i, aliases.size());
    return root.dep(i) ? root.d(i, values, slots) : 0.0;
  }

  /**
   * True if reference i occurs in the formula after constant folding (so {@code 1>2 ? x : y}
   * depends on y only).
   *
   * @throws IndexOutOfBoundsException if i is not a reference index
   */
  public boolean dependsOn(int i) {
    Objects.checkIndex(i, aliases.size());
    return root.dep(i);
  }

  /**
   * The value the formula has whatever the references not accepted by {@code known} are, if the
   * known ones decide it: all references known, a product with a known zero factor, a quotient
   * with a known zero numerator, or a conditional whose known condition selects a decided branch.
   * This is how OSP recognises process rates that vanish identically (e.g. {@code k*A} with a
   * constant {@code k = 0}). Known references are read as for {@link #evaluate}; others are not
   * read.
   *
   * @param known which reference indices have a fixed value
   * @return the decided value, or empty if it depends on an unknown reference
   */
  public OptionalDouble foldedValue(IntPredicate known, double[] values, int[] slots) {
    Double v = root.fold(values, slots, known);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /** True if the formula references nothing, i.e. it folded to a constant. */
  public boolean isConstant() {
    return root instanceof Node.Const;
  }

  /**
   * The candidate switch time expressions of a condition: every operand X of a comparison
   * {@code T <op> X} or {@code X <op> T}, where T is reference {@code timeIndex} alone, found at
   * the top level, inside AND/OR/NOT, or inside the then/else branches of a conditional (as OSP
   * does; the condition of a conditional is not searched). If both operands are T, the right one is
   * returned. Each result uses this formula's alias list; its text is X as written in this
   * formula. The caller decides whether X can be evaluated without state (OSP skips those that
   * cannot).
   *
   * @return the operands in textual order; empty if {@code timeIndex < 0}
   * @throws IndexOutOfBoundsException if {@code timeIndex >= referenceCount()}
   */
  public List<Formula> timeComparisonOperands(int timeIndex) {
    if (timeIndex < 0) {
      return List.of();
    }
    Objects.checkIndex(timeIndex, aliases.size());
    List<Formula> out = new ArrayList<>();
    for (PNode cmp : comparisons) {
      PNode operand = null;
      if (cmp.a.k == PNode.K.REF && cmp.a.ref == timeIndex) {
        operand = cmp.b;
      } else if (cmp.b.k == PNode.K.REF && cmp.b.ref == timeIndex) {
        operand = cmp.a;
      }
      if (operand != null) {
        out.add(new Formula(text.substring(operand.start, operand.end), aliases, operand));
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return text;
  }
}
