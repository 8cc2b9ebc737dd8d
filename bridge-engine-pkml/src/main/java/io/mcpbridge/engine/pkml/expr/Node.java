package io.mcpbridge.engine.pkml.expr;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * Immutable evaluation tree. {@link #eval} computes the value, {@link #d} the exact partial
 * derivative with respect to one reference; neither allocates.
 *
 * <p>Value semantics follow OSP's kernel: comparisons give exactly 1 or 0 and NaN for a NaN
 * operand; AND/OR/NOT treat non-zero as true and give NaN for a NaN operand; a conditional takes
 * its then-branch only if the condition is exactly 1 and is NaN for a NaN condition; MIN/MAX are
 * NaN if an argument is NaN; sums and products are accumulated left to right, and a product stops
 * at the first factor that makes it zero (so {@code 0*Inf} is 0); everything else is IEEE.
 *
 * <p>Derivative conventions also follow OSP: a conditional differentiates its active branch,
 * MIN/MAX their active argument, comparisons and logic are flat (0). A chain- or product-rule
 * term whose outer factor is exactly 0 contributes 0 without evaluating the inner derivative, so
 * {@code 0 * Inf} never turns a derivative into NaN.
 */
abstract class Node {

  private static final long[] NO_DEPENDENCIES = new long[0];
  private static final double LN10 = Math.log(10.0);

  /** Bit set of the references this subtree contains. */
  final long[] deps;

  Node(long[] deps) {
    this.deps = deps;
  }

  /** The value, with reference i read as {@code v[s[i]]}. */
  abstract double eval(double[] v, int[] s);

  /** ∂/∂(reference r); only called when {@link #dep}(r) is true. */
  abstract double d(int r, double[] v, int[] s);

  /**
   * The value of this subtree if the references accepted by {@code known} determine it, else
   * null. The default needs every contained reference known; products, quotients and
   * conditionals override it with OSP's simplifications (a zero factor or numerator makes the
   * whole zero, a known condition selects its branch).
   */
  Double fold(double[] v, int[] s, IntPredicate known) {
    for (int word = 0; word < deps.length; word++) {
      long bits = deps[word];
      while (bits != 0) {
        int r = (word << 6) + Long.numberOfTrailingZeros(bits);
        if (!known.test(r)) {
          return null;
        }
        bits &= bits - 1;
      }
    }
    return eval(v, s);
  }

  /** Folds a chain of factors: a known zero factor makes it zero whatever the others are. */
  static Double foldProduct(Node[] items, double[] v, int[] s, IntPredicate known) {
    boolean allKnown = true;
    for (Node n : items) {
      Double x = n.fold(v, s, known);
      if (x != null && x == 0.0) {
        return 0.0;
      }
      allKnown &= x != null;
    }
    if (!allKnown) {
      return null;
    }
    double product = 1.0;
    for (Node n : items) {
      product *= n.eval(v, s);
      if (product == 0.0) {
        break;
      }
    }
    return product;
  }

  final boolean dep(int r) {
    int word = r >>> 6;
    return word < deps.length && (deps[word] & (1L << r)) != 0;
  }

  /** ∂n/∂r, 0 if n does not contain r. */
  static double derivative(Node n, int r, double[] v, int[] s) {
    return n.dep(r) ? n.d(r, v, s) : 0.0;
  }

  /** m · ∂n/∂r, where an exactly-zero m means no contribution at all. */
  static double scaled(double m, Node n, int r, double[] v, int[] s) {
    return m == 0.0 ? 0.0 : m * n.d(r, v, s);
  }

  static long[] union(long[] x, long[] y) {
    if (x.length == 0 || x == y) {
      return y;
    }
    if (y.length == 0) {
      return x;
    }
    long[] longer = x.length >= y.length ? x : y;
    long[] shorter = longer == x ? y : x;
    long[] u = longer.clone();
    for (int i = 0; i < shorter.length; i++) {
      u[i] |= shorter[i];
    }
    return u;
  }

  static long[] union(Node... nodes) {
    long[] u = NO_DEPENDENCIES;
    for (Node n : nodes) {
      u = union(u, n.deps);
    }
    return u;
  }

  /** pow as C99/IEEE 754 define it: pow(1, y) = 1 and pow(-1, ±Inf) = 1, unlike Math.pow. */
  static double pow(double x, double y) {
    if (x == 1.0) {
      return 1.0;
    }
    if (x == -1.0 && Double.isInfinite(y)) {
      return 1.0;
    }
    return Math.pow(x, y);
  }

  static Node sum(List<Node> items) {
    return items.size() == 2
        ? new Sum2(items.get(0), items.get(1))
        : new SumN(items.toArray(new Node[0]));
  }

  static Node product(List<Node> items) {
    return items.size() == 2
        ? new Product2(items.get(0), items.get(1))
        : new ProductN(items.toArray(new Node[0]));
  }

  // ---------------------------------------------------------------------------------------------

  static final class Const extends Node {
    final double value;

    Const(double value) {
      super(NO_DEPENDENCIES);
      this.value = value;
    }

    @Override
    double eval(double[] v, int[] s) {
      return value;
    }

    @Override
    double d(int r, double[] v, int[] s) {
      return 0.0;
    }
  }

  static final class Ref extends Node {
    final int index;

    Ref(int index) {
      super(bit(index));
      this.index = index;
    }

    private static long[] bit(int index) {
      long[] bits = new long[(index >>> 6) + 1];
      bits[index >>> 6] = 1L << index;
      return bits;
    }

    @Override
    double eval(double[] v, int[] s) {
      return v[s[index]];
    }

    @Override
    double d(int r, double[] v, int[] s) {
      return 1.0;
    }
  }

  /** a + b, accumulated as OSP does: (0 + a) + b. */
  static final class Sum2 extends Node {
    private final Node a;
    private final Node b;

    Sum2(Node a, Node b) {
      super(union(a, b));
      this.a = a;
      this.b = b;
    }

    @Override
    double eval(double[] v, int[] s) {
      return (0.0 + a.eval(v, s)) + b.eval(v, s);
    }

    @Override
    double d(int r, double[] v, int[] s) {
      return derivative(a, r, v, s) + derivative(b, r, v, s);
    }
  }

  static final class SumN extends Node {
    private final Node[] items;

    SumN(Node[] items) {
      super(union(items));
      this.items = items;
    }

    @Override
    double eval(double[] v, int[] s) {
      double sum = 0.0;
      for (Node n : items) {
        sum += n.eval(v, s);
      }
      return sum;
    }

    @Override
    double d(int r, double[] v, int[] s) {
      double sum = 0.0;
      for (Node n : items) {
        if (n.dep(r)) {
          sum += n.d(r, v, s);
        }
      }
      return sum;
    }
  }

  static final class Diff extends Node {
    private final Node a;
    private final Node b;

    Diff(Node a, Node b) {
      super(union(a, b));
      this.a = a;
      this.b = b;
    }

    @Override
    double eval(double[] v, int[] s) {
      return a.eval(v, s) - b.eval(v, s);
    }

    @Override
    double d(int r, double[] v, int[] s) {
      return derivative(a, r, v, s) - derivative(b, r, v, s);
    }
  }

  /** a * b, stopping at a zero first factor as OSP does. */
  static final class Product2 extends Node {
    private final Node a;
    private final Node b;

    Product2(Node a, Node b) {
      super(union(a, b));
      this.a = a;
      this.b = b;
    }

    @Override
    double eval(double[] v, int[] s) {
      double x = a.eval(v, s);
      return x == 0.0 ? x : x * b.eval(v, s);
    }

    @Override
    Double fold(double[] v, int[] s, IntPredicate known) {
      return foldProduct(new Node[] {a, b}, v, s, known);
    }

    @Override
    double d(int r, double[] v, int[] s) {
      double sum = 0.0;
      if (a.dep(r)) {
        sum += scaled(b.eval(v, s), a, r, v, s);
      }
      if (b.dep(r)) {
        sum += scaled(a.eval(v, s), b, r, v, s);
      }
      return sum;
    }
  }

  static final class ProductN extends Node {
    private final Node[] items;

    ProductN(Node[] items) {
      super(union(items));
      this.items = items;
    }

    @Override
    Double fold(double[] v, int[] s, IntPredicate known) {
      return foldProduct(items, v, s, known);
    }

    @Override
    double eval(double[] v, int[] s) {
      double product = 1.0;
      for (Node n : items) {
        product *= n.eval(v, s);
        if (product == 0.0) {
          break;
        }
      }
      return product;
    }

    @Override
    double d(int r, double[] v, int[] s) {
      double sum = 0.0;
      for (int i = 0; i < items.length; i++) {
        if (!items[i].dep(r)) {
          continue;
        }
        double others = 1.0;
        for (int j = 0; j < items.length && others != 0.0; j++) {
          if (j != i) {
            others *= items[j].eval(v, s);
          }
        }
        sum += scaled(others, items[i], r, v, s);
      }
      return sum;
    }
  }

  static final class Div extends Node {
    private final Node a;
    private final Node b;

    Div(Node a, Node b) {
      super(union(a, b));
      this.a = a;
      this.b = b;
    }

    @Override
    Double fold(double[] v, int[] s, IntPredicate known) {
      Double x = a.fold(v, s, known);
      if (x != null && x == 0.0) {
        return 0.0;
      }
      return super.fold(v, s, known);
    }

    @Override
    double eval(double[] v, int[] s) {
      return a.eval(v, s) / b.eval(v, s);
    }

    @Override
    double d(int r, double[] v, int[] s) {
      double y = b.eval(v, s);
      double sum = 0.0;
      if (a.dep(r) && !Double.isInfinite(y)) {
        sum += a.d(r, v, s) / y;
      }
      if (b.dep(r)) {
        sum += scaled(-a.eval(v, s) / (y * y), b, r, v, s);
      }
      return sum;
    }
  }

  /** a ^ b and POW(a; b). */
  static final class Pow extends Node {
    private final Node a;
    private final Node b;

    Pow(Node a, Node b) {
      super(union(a, b));
      this.a = a;
      this.b = b;
    }

    @Override
    double eval(double[] v, int[] s) {
      return pow(a.eval(v, s), b.eval(v, s));
    }

    @Override
    double d(int r, double[] v, int[] s) {
      double x = a.eval(v, s);
      double y = b.eval(v, s);
      double sum = 0.0;
      if (a.dep(r)) {
        // b · a^(b-1) · a'
        sum += scaled(y == 0.0 ? 0.0 : y * pow(x, y - 1.0), a, r, v, s);
      }
      if (b.dep(r)) {
        // a^b · ln(a) · b'; the ln term only exists when the exponent varies, and a^b = 0 makes
        // the whole term 0 (the limit of a^b·ln a for a → 0+).
        double p = pow(x, y);
        sum += scaled(p == 0.0 ? 0.0 : p * Math.log(x), b, r, v, s);
      }
      return sum;
    }
  }

  static final class Unary extends Node {
    private final Fn fn;
    private final Node a;

    Unary(Fn fn, Node a) {
      super(a.deps);
      if (fn.arity != 1) {
        throw new IllegalArgumentException(fn + " is not unary");
      }
      this.fn = fn;
      this.a = a;
    }

    @Override
    double eval(double[] v, int[] s) {
      double x = a.eval(v, s);
      switch (fn) {
        case EXP:
          return Math.exp(x);
        case LN:
        case LOG:
          return Math.log(x);
        case LOG10:
          return Math.log10(x);
        case SQRT:
          return Math.sqrt(x);
        case SIN:
          return Math.sin(x);
        case COS:
          return Math.cos(x);
        case TAN:
          return Math.tan(x);
        case ASIN:
          return Math.asin(x);
        case ACOS:
          return Math.acos(x);
        case ATAN:
          return Math.atan(x);
        case SINH:
          return Math.sinh(x);
        case COSH:
          return Math.cosh(x);
        case TANH:
          return Math.tanh(x);
        default:
          throw new IllegalStateException(fn.name());
      }
    }

    @Override
    double d(int r, double[] v, int[] s) {
      return scaled(outerDerivative(a.eval(v, s)), a, r, v, s);
    }

    private double outerDerivative(double x) {
      switch (fn) {
        case EXP:
          return Math.exp(x);
        case LN:
        case LOG:
          return 1.0 / x;
        case LOG10:
          return 1.0 / (x * LN10);
        case SQRT:
          return 0.5 / Math.sqrt(x);
        case SIN:
          return Math.cos(x);
        case COS:
          return -Math.sin(x);
        case TAN:
          {
            double c = Math.cos(x);
            return 1.0 / (c * c);
          }
        case ASIN:
          return 1.0 / Math.sqrt(1.0 - x * x);
        case ACOS:
          return -1.0 / Math.sqrt(1.0 - x * x);
        case ATAN:
          return 1.0 / (1.0 + x * x);
        case SINH:
          return Math.cosh(x);
        case COSH:
          return Math.sinh(x);
        case TANH:
          {
            double t = Math.tanh(x);
            return 1.0 - t * t;
          }
        default:
          throw new IllegalStateException(fn.name());
      }
    }
  }

  static final class Min extends Node {
    private final Node a;
    private final Node b;

    Min(Node a, Node b) {
      super(union(a, b));
      this.a = a;
      this.b = b;
    }

    @Override
    double eval(double[] v, int[] s) {
      double x = a.eval(v, s);
      double y = b.eval(v, s);
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return Double.NaN;
      }
      return x < y ? x : y;
    }

    @Override
    double d(int r, double[] v, int[] s) {
      double x = a.eval(v, s);
      double y = b.eval(v, s);
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return Double.NaN;
      }
      return x < y ? derivative(a, r, v, s) : derivative(b, r, v, s);
    }
  }

  static final class Max extends Node {
    private final Node a;
    private final Node b;

    Max(Node a, Node b) {
      super(union(a, b));
      this.a = a;
      this.b = b;
    }

    @Override
    double eval(double[] v, int[] s) {
      double x = a.eval(v, s);
      double y = b.eval(v, s);
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return Double.NaN;
      }
      return x > y ? x : y;
    }

    @Override
    double d(int r, double[] v, int[] s) {
      double x = a.eval(v, s);
      double y = b.eval(v, s);
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return Double.NaN;
      }
      return x > y ? derivative(a, r, v, s) : derivative(b, r, v, s);
    }
  }

  /** c ? t : e, taking t only if c is exactly 1. */
  static final class If extends Node {
    private final Node c;
    private final Node t;
    private final Node e;

    If(Node c, Node t, Node e) {
      super(union(c, t, e));
      this.c = c;
      this.t = t;
      this.e = e;
    }

    @Override
    Double fold(double[] v, int[] s, IntPredicate known) {
      Double cond = c.fold(v, s, known);
      if (cond != null) {
        if (cond == 1.0) {
          return t.fold(v, s, known);
        }
        return Double.isNaN(cond) ? Double.valueOf(Double.NaN) : e.fold(v, s, known);
      }
      return null; // even equal branches do not decide it: the condition may turn out NaN
    }

    @Override
    double eval(double[] v, int[] s) {
      double cond = c.eval(v, s);
      if (cond == 1.0) {
        return t.eval(v, s);
      }
      return Double.isNaN(cond) ? Double.NaN : e.eval(v, s);
    }

    @Override
    double d(int r, double[] v, int[] s) {
      double cond = c.eval(v, s);
      if (cond == 1.0) {
        return derivative(t, r, v, s);
      }
      return Double.isNaN(cond) ? Double.NaN : derivative(e, r, v, s);
    }
  }

  /** The six comparisons and the functions EQ, NEQ, GT, GEQ, LT, LEQ. */
  static final class Compare extends Node {
    private static final int LT = 0;
    private static final int LE = 1;
    private static final int GT = 2;
    private static final int GE = 3;
    private static final int EQ = 4;
    private static final int NE = 5;

    private final int op;
    private final Node a;
    private final Node b;

    Compare(PNode.K kind, Node a, Node b) {
      super(union(a, b));
      this.op = opcode(kind);
      this.a = a;
      this.b = b;
    }

    private static int opcode(PNode.K kind) {
      switch (kind) {
        case LT:
          return LT;
        case LE:
          return LE;
        case GT:
          return GT;
        case GE:
          return GE;
        case EQ:
          return EQ;
        case NE:
          return NE;
        default:
          throw new IllegalArgumentException(kind + " is not a comparison");
      }
    }

    @Override
    double eval(double[] v, int[] s) {
      double x = a.eval(v, s);
      double y = b.eval(v, s);
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return Double.NaN;
      }
      boolean result;
      switch (op) {
        case LT:
          result = x < y;
          break;
        case LE:
          result = x <= y;
          break;
        case GT:
          result = x > y;
          break;
        case GE:
          result = x >= y;
          break;
        case EQ:
          result = x == y;
          break;
        default:
          result = x != y;
          break;
      }
      return result ? 1.0 : 0.0;
    }

    @Override
    double d(int r, double[] v, int[] s) {
      return 0.0;
    }
  }

  static final class And extends Node {
    private final Node a;
    private final Node b;

    And(Node a, Node b) {
      super(union(a, b));
      this.a = a;
      this.b = b;
    }

    @Override
    double eval(double[] v, int[] s) {
      double x = a.eval(v, s);
      double y = b.eval(v, s);
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return Double.NaN;
      }
      return x != 0.0 && y != 0.0 ? 1.0 : 0.0;
    }

    @Override
    double d(int r, double[] v, int[] s) {
      return 0.0;
    }
  }

  static final class Or extends Node {
    private final Node a;
    private final Node b;

    Or(Node a, Node b) {
      super(union(a, b));
      this.a = a;
      this.b = b;
    }

    @Override
    double eval(double[] v, int[] s) {
      double x = a.eval(v, s);
      double y = b.eval(v, s);
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return Double.NaN;
      }
      return x != 0.0 || y != 0.0 ? 1.0 : 0.0;
    }

    @Override
    double d(int r, double[] v, int[] s) {
      return 0.0;
    }
  }

  static final class Not extends Node {
    private final Node a;

    Not(Node a) {
      super(a.deps);
      this.a = a;
    }

    @Override
    double eval(double[] v, int[] s) {
      double x = a.eval(v, s);
      if (Double.isNaN(x)) {
        return Double.NaN;
      }
      return x == 0.0 ? 1.0 : 0.0;
    }

    @Override
    double d(int r, double[] v, int[] s) {
      return 0.0;
    }
  }
}
