package io.mcpbridge.engine.pkml;

import io.mcpbridge.engine.pkml.assembly.Expression;
import io.mcpbridge.engine.pkml.assembly.ExpressionCompiler;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately small stand-in for the formula language, for engine tests only: numbers,
 * references, + - * /, parentheses, one comparison (= <> < <= > >=), AND, and c ? a : b. Partials
 * are exact (forward-mode dual numbers over the tree).
 */
public final class TestExpressions implements ExpressionCompiler {

  @Override
  public Expression compile(String text, List<String> aliases) {
    Parser p = new Parser(text.replaceAll("\\s+", ""), aliases);
    Node n = p.ternary();
    if (p.pos != p.s.length()) {
      throw new IllegalArgumentException("unexpected '" + p.s.substring(p.pos) + "'");
    }
    return new Tree(text, n, aliases.size());
  }

  private interface Node {
    /** Value and derivative with respect to reference {@code wrt} (-1: none). */
    double[] eval(double[] v, int[] s, int wrt);

    void collect(List<Node> out);
  }

  private static final class Tree implements Expression {
    final String text;
    final Node root;
    final int refs;

    Tree(String text, Node root, int refs) {
      this.text = text;
      this.root = root;
      this.refs = refs;
    }

    public double evaluate(double[] values, int[] slots) {
      return root.eval(values, slots, -1)[0];
    }

    public double partial(int i, double[] values, int[] slots) {
      return root.eval(values, slots, i)[1];
    }

    public boolean dependsOn(int i) {
      List<Node> all = new ArrayList<>();
      root.collect(all);
      return all.stream().anyMatch(n -> n instanceof Ref && ((Ref) n).index == i);
    }

    public boolean isConstant() {
      for (int i = 0; i < refs; i++) {
        if (dependsOn(i)) {
          return false;
        }
      }
      return true;
    }

    public List<Expression> timeComparisonOperands(int timeIndex) {
      List<Node> all = new ArrayList<>();
      root.collect(all);
      List<Expression> out = new ArrayList<>();
      for (Node n : all) {
        if (n instanceof Bin && "=<>!".indexOf(((Bin) n).op.charAt(0)) >= 0) {
          Bin b = (Bin) n;
          if (b.a instanceof Ref && ((Ref) b.a).index == timeIndex) {
            out.add(new Tree(text, b.b, refs));
          } else if (b.b instanceof Ref && ((Ref) b.b).index == timeIndex) {
            out.add(new Tree(text, b.a, refs));
          }
        }
      }
      return out;
    }

    public String text() {
      return text;
    }
  }

  private static final class Num implements Node {
    final double x;

    Num(double x) {
      this.x = x;
    }

    public double[] eval(double[] v, int[] s, int wrt) {
      return new double[] {x, 0};
    }

    public void collect(List<Node> out) {
      out.add(this);
    }
  }

  private static final class Ref implements Node {
    final int index;

    Ref(int index) {
      this.index = index;
    }

    public double[] eval(double[] v, int[] s, int wrt) {
      return new double[] {v[s[index]], wrt == index ? 1 : 0};
    }

    public void collect(List<Node> out) {
      out.add(this);
    }
  }

  private static final class Bin implements Node {
    final String op;
    final Node a;
    final Node b;

    Bin(String op, Node a, Node b) {
      this.op = op;
      this.a = a;
      this.b = b;
    }

    public double[] eval(double[] v, int[] s, int wrt) {
      double[] x = a.eval(v, s, wrt);
      double[] y = b.eval(v, s, wrt);
      switch (op) {
        case "+": return new double[] {x[0] + y[0], x[1] + y[1]};
        case "-": return new double[] {x[0] - y[0], x[1] - y[1]};
        case "*": return new double[] {x[0] * y[0], x[1] * y[0] + x[0] * y[1]};
        case "/": return new double[] {x[0] / y[0], (x[1] * y[0] - x[0] * y[1]) / (y[0] * y[0])};
        case "=": return bool(x[0] == y[0]);
        case "<>": return bool(x[0] != y[0]);
        case "<": return bool(x[0] < y[0]);
        case "<=": return bool(x[0] <= y[0]);
        case ">": return bool(x[0] > y[0]);
        case ">=": return bool(x[0] >= y[0]);
        case "AND": return bool(x[0] != 0 && y[0] != 0);
        default: throw new IllegalStateException(op);
      }
    }

    private static double[] bool(boolean b) {
      return new double[] {b ? 1 : 0, 0};
    }

    public void collect(List<Node> out) {
      out.add(this);
      a.collect(out);
      b.collect(out);
    }
  }

  private static final class Cond implements Node {
    final Node c;
    final Node a;
    final Node b;

    Cond(Node c, Node a, Node b) {
      this.c = c;
      this.a = a;
      this.b = b;
    }

    public double[] eval(double[] v, int[] s, int wrt) {
      return c.eval(v, s, -1)[0] == 1 ? a.eval(v, s, wrt) : b.eval(v, s, wrt);
    }

    public void collect(List<Node> out) {
      out.add(this);
      c.collect(out);
      a.collect(out);
      b.collect(out);
    }
  }

  private static final class Parser {
    final String s;
    final List<String> aliases;
    int pos;

    Parser(String s, List<String> aliases) {
      this.s = s;
      this.aliases = aliases;
    }

    boolean eat(String t) {
      if (s.startsWith(t, pos)) {
        pos += t.length();
        return true;
      }
      return false;
    }

    Node ternary() {
      Node c = and();
      if (eat("?")) {
        Node a = and();
        if (!eat(":")) {
          throw new IllegalArgumentException("':' expected");
        }
        return new Cond(c, a, and());
      }
      return c;
    }

    Node and() {
      Node n = comparison();
      while (eat("AND")) {
        n = new Bin("AND", n, comparison());
      }
      return n;
    }

    Node comparison() {
      Node n = sum();
      for (String op : new String[] {"<>", "<=", ">=", "=", "<", ">"}) {
        if (eat(op)) {
          return new Bin(op, n, sum());
        }
      }
      return n;
    }

    Node sum() {
      Node n = s.startsWith("-", pos) ? new Num(0) : product();
      while (true) {
        if (eat("+")) {
          n = new Bin("+", n, product());
        } else if (eat("-")) {
          n = new Bin("-", n, product());
        } else {
          return n;
        }
      }
    }

    Node product() {
      Node n = factor();
      while (true) {
        if (eat("*")) {
          n = new Bin("*", n, factor());
        } else if (eat("/")) {
          n = new Bin("/", n, factor());
        } else {
          return n;
        }
      }
    }

    Node factor() {
      if (eat("(")) {
        Node n = ternary();
        if (!eat(")")) {
          throw new IllegalArgumentException("')' expected");
        }
        return n;
      }
      int start = pos;
      if (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.' || s.charAt(pos) == 'E'
            || s.charAt(pos) == 'e' || ((s.charAt(pos) == '-' || s.charAt(pos) == '+')
            && (s.charAt(pos - 1) == 'e' || s.charAt(pos - 1) == 'E')))) {
          pos++;
        }
        return new Num(Double.parseDouble(s.substring(start, pos)));
      }
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      String name = s.substring(start, pos);
      int index = aliases.indexOf(name);
      if (index < 0) {
        throw new IllegalArgumentException(name.isEmpty() ? "syntax error at " + start : "unknown name '" + name + "'");
      }
      return new Ref(index);
    }
  }
}
