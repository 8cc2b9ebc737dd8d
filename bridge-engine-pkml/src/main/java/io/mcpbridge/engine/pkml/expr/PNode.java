package io.mcpbridge.engine.pkml.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Parse-tree node: binary and right-nested like OSP's own parse tree, mutable only while a formula
 * is being parsed and simplified. {@link #compile} turns it into the immutable evaluation tree.
 *
 * <p>Sums and products are right-nested chains ({@code a+b+c} is {@code PLUS(a, PLUS(b, c))});
 * compiling flattens each chain into one n-ary node evaluated left to right, which is how OSP's
 * kernel evaluates them.
 */
final class PNode {

  enum K {
    CONST, REF, PLUS, MINUS, MUL, DIV, POW, FN1, MIN, MAX,
    LT, LE, GT, GE, EQ, NE, AND, OR, NOT, IF
  }

  private static final double[] NO_VALUES = new double[0];
  private static final int[] NO_SLOTS = new int[0];

  K k;
  double value;
  int ref = -1;
  Fn fn;
  /** Operands; for IF: a = condition, b = then, c = else. */
  PNode a;
  PNode b;
  PNode c;
  /** Span in the original formula text (end exclusive). */
  int start;
  int end;
  /** For PLUS/MUL after simplification: constants among the items of the chain starting here. */
  private int chainConstants;

  private PNode(K k, int start, int end) {
    this.k = k;
    this.start = start;
    this.end = end;
  }

  static PNode constant(double value, int start, int end) {
    PNode p = new PNode(K.CONST, start, end);
    p.value = value;
    return p;
  }

  static PNode reference(int ref, int start, int end) {
    PNode p = new PNode(K.REF, start, end);
    p.ref = ref;
    return p;
  }

  static PNode unary(K k, Fn fn, PNode a, int start, int end) {
    PNode p = new PNode(k, start, end);
    p.fn = fn;
    p.a = a;
    return p;
  }

  static PNode binary(K k, PNode a, PNode b) {
    PNode p = new PNode(k, a.start, b.end);
    p.a = a;
    p.b = b;
    return p;
  }

  static PNode conditional(PNode cond, PNode then, PNode otherwise) {
    PNode p = new PNode(K.IF, cond.start, otherwise.end);
    p.a = cond;
    p.b = then;
    p.c = otherwise;
    return p;
  }

  boolean isConst() {
    return k == K.CONST;
  }

  // ---------------------------------------------------------------------------------------------
  // Simplification

  /**
   * Folds constant sub-expressions and applies OSP's constant rewrites; returns the replacement
   * for {@code p}. Children are simplified first. Folding evaluates with the runtime semantics of
   * {@link Node}, so a folded constant equals what evaluation would have produced.
   *
   * <p>Besides plain folding, OSP's parser rewrites {@code x - c} as {@code x + (-c)} and
   * {@code x / c} as {@code x * (1/c)} for a constant {@code c}, and moves constants within a sum
   * or product chain behind the other items so that two of them can be folded ({@code a+X+b+Y}
   * becomes {@code X+Y+(a+b)}). These only change rounding; they are applied so that results match
   * OSP's to the last bit where possible.
   */
  static PNode simplify(PNode p) {
    switch (p.k) {
      case CONST:
      case REF:
        return p;
      case PLUS:
      case MUL:
        return simplifyChain(p);
      case IF:
        {
          p.a = simplify(p.a);
          p.b = simplify(p.b);
          p.c = simplify(p.c);
          if (p.a.isConst()) {
            double cond = p.a.value;
            if (Double.isNaN(cond)) {
              return constant(Double.NaN, p.start, p.end);
            }
            return cond == 1.0 ? p.b : p.c;
          }
          return p;
        }
      case FN1:
      case NOT:
        p.a = simplify(p.a);
        return p.a.isConst() ? fold(p) : p;
      default:
        p.a = simplify(p.a);
        p.b = simplify(p.b);
        return simplifyLocal(p);
    }
  }

  // Iterative along the chain's spine, so that long generated sums do not exhaust the stack.
  private static PNode simplifyChain(PNode top) {
    List<PNode> spine = new ArrayList<>();
    PNode q = top;
    while (q.k == top.k) {
      spine.add(q);
      q = q.b;
    }
    PNode tail = simplify(q);
    for (int i = spine.size() - 1; i >= 0; i--) {
      PNode node = spine.get(i);
      node.a = simplify(node.a);
      node.b = tail;
      tail = simplifyLocal(node);
    }
    return tail;
  }

  // Simplifies a binary node whose operands are already simplified.
  private static PNode simplifyLocal(PNode p) {
    if (p.a.isConst() && p.b.isConst()) {
      return fold(p);
    }
    if (p.k == K.MINUS && p.b.isConst()) {
      p.k = K.PLUS;
      p.b = constant(-p.b.value, p.b.start, p.b.end);
      p.chainConstants = 1;
      return p;
    }
    if (p.k == K.DIV && p.b.isConst()) {
      p.k = K.MUL;
      p.b = constant(1.0 / p.b.value, p.b.start, p.b.end);
      p.chainConstants = 1;
      return p;
    }
    if (p.k == K.PLUS || p.k == K.MUL) {
      gatherConstants(p);
    }
    return p;
  }

  /*
   * Chains below p hold at most one constant (they were processed first), so p's chain holds at
   * most two; if it holds two, order the items non-constants first and fold the two constants,
   * which are then the operands of the last chain node.
   */
  private static void gatherConstants(PNode p) {
    int below = p.b.k == p.k ? p.b.chainConstants : (p.b.isConst() ? 1 : 0);
    int total = below + (p.a.isConst() ? 1 : 0);
    p.chainConstants = total;
    if (total <= 1) {
      return;
    }
    List<PNode> spine = new ArrayList<>();
    for (PNode q = p; q.k == p.k; q = q.b) {
      spine.add(q);
    }
    PNode last = spine.get(spine.size() - 1);
    List<PNode> items = new ArrayList<>(spine.size() + 1);
    for (PNode node : spine) {
      if (!node.a.isConst()) {
        items.add(node.a);
      }
    }
    if (!last.b.isConst()) {
      items.add(last.b);
    }
    for (PNode node : spine) {
      if (node.a.isConst()) {
        items.add(node.a);
      }
    }
    if (last.b.isConst()) {
      items.add(last.b);
    }
    for (int i = 0; i < spine.size(); i++) {
      spine.get(i).a = items.get(i);
    }
    last.b = items.get(items.size() - 1);
    for (int i = 1; i < spine.size(); i++) {
      PNode node = spine.get(i);
      if (node.a.isConst()) {
        if (node.b.isConst()) {
          spine.get(i - 1).b = fold(node);
          p.chainConstants = 1;
        }
        return;
      }
    }
  }

  private static PNode fold(PNode p) {
    double v = compile(p).eval(NO_VALUES, NO_SLOTS);
    return constant(v, p.start, p.end);
  }

  // ---------------------------------------------------------------------------------------------
  // Compilation

  /** Builds the evaluation tree. */
  static Node compile(PNode p) {
    switch (p.k) {
      case CONST:
        return new Node.Const(p.value);
      case REF:
        return new Node.Ref(p.ref);
      case PLUS:
      case MUL:
        {
          List<Node> items = new ArrayList<>();
          PNode q = p;
          while (q.k == p.k) {
            items.add(compile(q.a));
            q = q.b;
          }
          items.add(compile(q));
          return p.k == K.PLUS ? Node.sum(items) : Node.product(items);
        }
      case MINUS:
        return new Node.Diff(compile(p.a), compile(p.b));
      case DIV:
        return new Node.Div(compile(p.a), compile(p.b));
      case POW:
        return new Node.Pow(compile(p.a), compile(p.b));
      case FN1:
        return new Node.Unary(p.fn, compile(p.a));
      case MIN:
        return new Node.Min(compile(p.a), compile(p.b));
      case MAX:
        return new Node.Max(compile(p.a), compile(p.b));
      case LT:
      case LE:
      case GT:
      case GE:
      case EQ:
      case NE:
        return new Node.Compare(p.k, compile(p.a), compile(p.b));
      case AND:
        return new Node.And(compile(p.a), compile(p.b));
      case OR:
        return new Node.Or(compile(p.a), compile(p.b));
      case NOT:
        return new Node.Not(compile(p.a));
      case IF:
        return new Node.If(compile(p.a), compile(p.b), compile(p.c));
      default:
        throw new IllegalStateException("unknown node kind " + p.k);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Switch time points

  /**
   * Collects the comparisons that OSP inspects for switch time points: the node itself if it is a
   * comparison, the operands of AND/OR/NOT, and the then/else branches (not the condition) of a
   * conditional.
   */
  static void collectComparisons(PNode p, List<PNode> out) {
    switch (p.k) {
      case LT:
      case LE:
      case GT:
      case GE:
      case EQ:
      case NE:
        out.add(p);
        break;
      case AND:
      case OR:
        collectComparisons(p.a, out);
        collectComparisons(p.b, out);
        break;
      case NOT:
        collectComparisons(p.a, out);
        break;
      case IF:
        collectComparisons(p.b, out);
        collectComparisons(p.c, out);
        break;
      default:
        break;
    }
  }
}
