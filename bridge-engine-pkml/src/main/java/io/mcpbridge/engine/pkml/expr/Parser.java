package io.mcpbridge.engine.pkml.expr;

import io.mcpbridge.engine.pkml.expr.Lexer.Kind;
import io.mcpbridge.engine.pkml.expr.Lexer.Token;
import io.mcpbridge.engine.pkml.expr.PNode.K;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for OSP formulas. Grammar, lowest precedence first:
 *
 * <pre>
 *   conditional := or [ '?' or ':' or ]            -- a nested ?: must be bracketed
 *   or          := and { ('OR' | '|') and }
 *   and         := not { ('AND' | '&amp;') not }
 *   not         := 'NOT' comparison | comparison
 *   comparison  := sum [ cmp sum ]                   -- one comparison, no chaining
 *   cmp         := '=' | '&lt;&gt;' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=' 
 *   sum         := [ '-' ] product { ('+' | '-') product }
 *   product     := power { ('*' | '/') power }
 *   power       := primary [ '^' power ]            -- right-associative
 *   primary     := number | alias | constant | '(' conditional ')' | function '(' args ')'
 * </pre>
 *
 * A sign may only open a sum: {@code a*-b} and {@code 10^-3} are errors, {@code a < -1} and
 * {@code (-b)} are not. Sums and products are regrouped the way OSP's parser does it:
 * {@code a-b+c-d} becomes {@code a+(c-(b+d))} and {@code x/y/z} becomes {@code x/(y*z)}.
 */
final class Parser {

  private final String text;
  private final List<Token> tokens;
  private int pos;

  private Parser(String text, List<Token> tokens) {
    this.text = text;
    this.tokens = tokens;
  }

  /** Parses {@code text} into an unsimplified parse tree. */
  static PNode parse(String text, Map<String, Integer> aliasIndex) {
    Parser parser = new Parser(text, Lexer.tokenize(text, aliasIndex));
    return parser.parseFormula();
  }

  private PNode parseFormula() {
    if (peek().kind() == Kind.EOF) {
      throw new FormulaException(text, 0, "the formula is empty");
    }
    PNode root = parseConditional();
    Token t = peek();
    switch (t.kind()) {
      case EOF:
        return root;
      case RPAR:
        throw error(t, "')' without a matching '('");
      case SEMI:
        throw error(t, "';' separates function arguments and is not allowed here");
      default:
        throw error(t, "unexpected " + describe(t)
            + " after a complete expression (missing operator?)");
    }
  }

  private PNode parseConditional() {
    PNode cond = parseOr();
    Token t = peek();
    if (t.kind() == Kind.COLON) {
      throw error(t, "':' without a preceding '?'");
    }
    if (t.kind() != Kind.QUEST) {
      return cond;
    }
    next();
    PNode then = parseOr();
    Token colon = peek();
    if (colon.kind() == Kind.QUEST) {
      throw error(colon, nestedConditional());
    }
    if (colon.kind() != Kind.COLON) {
      throw error(colon, "expected ':' of 'condition ? then : else' but found " + describe(colon));
    }
    next();
    PNode otherwise = parseOr();
    Token after = peek();
    if (after.kind() == Kind.QUEST || after.kind() == Kind.COLON) {
      throw error(after, nestedConditional());
    }
    return PNode.conditional(cond, then, otherwise);
  }

  private static String nestedConditional() {
    return "a nested conditional must be enclosed in brackets, e.g. x ? a : (y ? b : c)";
  }

  private PNode parseOr() {
    PNode left = parseAnd();
    while (peek().kind() == Kind.OR) {
      next();
      left = PNode.binary(K.OR, left, parseAnd());
    }
    return left;
  }

  private PNode parseAnd() {
    PNode left = parseNot();
    while (peek().kind() == Kind.AND) {
      next();
      left = PNode.binary(K.AND, left, parseNot());
    }
    return left;
  }

  private PNode parseNot() {
    Token t = peek();
    if (t.kind() != Kind.NOT) {
      return parseComparison();
    }
    next();
    if (peek().kind() == Kind.NOT) {
      throw error(peek(), "NOT cannot directly follow NOT; use brackets: NOT (NOT x)");
    }
    PNode operand = parseComparison();
    return PNode.unary(K.NOT, null, operand, t.start(), operand.end);
  }

  private PNode parseComparison() {
    PNode left = parseSum();
    Token op = peek();
    if (!op.isComparison()) {
      return left;
    }
    next();
    PNode right = parseSum();
    Token again = peek();
    if (again.isComparison()) {
      throw error(again,
          "comparisons cannot be chained; combine them with AND, e.g. (a < b) AND (b < c)");
    }
    return PNode.binary(comparisonKind(op.kind()), left, right);
  }

  private static K comparisonKind(Kind kind) {
    switch (kind) {
      case LT:
        return K.LT;
      case LE:
        return K.LE;
      case GT:
        return K.GT;
      case GE:
        return K.GE;
      case EQ:
        return K.EQ;
      default:
        return K.NE;
    }
  }

  private PNode parseSum() {
    Token first = peek();
    int start = first.start();
    List<PNode> plus = new ArrayList<>();
    List<PNode> minus = new ArrayList<>();
    if (first.kind() == Kind.PLUS) {
      throw error(first, "a leading '+' is not allowed");
    }
    if (first.kind() == Kind.MINUS) {
      // OSP reads a leading minus as 0 - ...
      next();
      plus.add(PNode.constant(0.0, first.start(), first.end()));
      minus.add(parseProduct());
    } else {
      plus.add(parseProduct());
    }
    PNode last = minus.isEmpty() ? plus.get(0) : minus.get(0);
    while (peek().kind() == Kind.PLUS || peek().kind() == Kind.MINUS) {
      boolean isPlus = next().kind() == Kind.PLUS;
      last = parseProduct();
      (isPlus ? plus : minus).add(last);
    }
    if (plus.size() == 1 && minus.isEmpty()) {
      return plus.get(0);
    }
    PNode sum = regroup(K.PLUS, K.MINUS, plus, minus);
    sum.start = start;
    sum.end = last.end;
    return sum;
  }

  private PNode parseProduct() {
    PNode first = parsePower();
    List<PNode> numerator = new ArrayList<>();
    List<PNode> denominator = new ArrayList<>();
    numerator.add(first);
    PNode last = first;
    while (peek().kind() == Kind.MUL || peek().kind() == Kind.DIV) {
      boolean isMul = next().kind() == Kind.MUL;
      last = parsePower();
      (isMul ? numerator : denominator).add(last);
    }
    if (numerator.size() == 1 && denominator.isEmpty()) {
      return first;
    }
    PNode product = regroup(K.MUL, K.DIV, numerator, denominator);
    product.start = first.start;
    product.end = last.end;
    return product;
  }

  /*
   * OSP's regrouping: p1 + p2 + ... + pn - (m1 + ... + mk) as the right-nested chain
   * p1 + (p2 + (... + (pn - (m1 + (... + mk))))); the same with * and / for products.
   */
  private static PNode regroup(K op, K inverse, List<PNode> direct, List<PNode> inverted) {
    PNode tail = direct.get(direct.size() - 1);
    if (!inverted.isEmpty()) {
      tail = PNode.binary(inverse, tail, chain(op, inverted));
    }
    for (int i = direct.size() - 2; i >= 0; i--) {
      tail = PNode.binary(op, direct.get(i), tail);
    }
    return tail;
  }

  private static PNode chain(K op, List<PNode> items) {
    PNode tail = items.get(items.size() - 1);
    for (int i = items.size() - 2; i >= 0; i--) {
      tail = PNode.binary(op, items.get(i), tail);
    }
    return tail;
  }

  private PNode parsePower() {
    PNode base = parsePrimary();
    if (peek().kind() != Kind.POW) {
      return base;
    }
    next();
    PNode exponent = parsePower();
    return PNode.binary(K.POW, base, exponent);
  }

  private PNode parsePrimary() {
    Token t = next();
    switch (t.kind()) {
      case NUM:
        return PNode.constant(t.number(), t.start(), t.end());
      case REF:
        return PNode.reference(t.ref(), t.start(), t.end());
      case LPAR:
        {
          PNode inner = parseConditional();
          Token close = peek();
          if (close.kind() != Kind.RPAR) {
            throw error(close, close.kind() == Kind.EOF
                ? "missing ')' for the '(' at position " + t.start()
                : "expected ')' but found " + describe(close));
          }
          next();
          inner.start = t.start();
          inner.end = close.end();
          return inner;
        }
      case FUNC:
        return parseCall(t);
      case PLUS:
      case MINUS:
        throw error(t, signAfterOperator(t));
      case NOT:
        throw error(t, "NOT may only start a condition operand; put 'NOT …' in brackets here");
      case RPAR:
        throw error(t, "missing operand before ')'");
      case SEMI:
        throw error(t, "missing operand before ';'");
      case EOF:
        throw error(t, "the formula ends where an operand is expected");
      default:
        throw error(t, "expected an operand (number, reference, function or '(') but found "
            + describe(t));
    }
  }

  private String signAfterOperator(Token sign) {
    Token before = pos >= 2 ? tokens.get(pos - 2) : null;
    String after = before == null ? "" : " after " + describe(before);
    return "a '" + sign.lexeme() + "' sign directly" + after
        + " is not allowed; put the operand in brackets, e.g. a*(-b) or 10^(-3)";
  }

  private PNode parseCall(Token name) {
    Fn fn = name.fn();
    next(); // '(' (the lexer only makes a FUNC token when one follows)
    List<PNode> args = new ArrayList<>(2);
    if (peek().kind() != Kind.RPAR) {
      args.add(parseConditional());
      while (peek().kind() == Kind.SEMI) {
        next();
        args.add(parseConditional());
      }
    }
    Token close = peek();
    if (close.kind() != Kind.RPAR) {
      throw error(close, close.kind() == Kind.EOF
          ? "missing ')' after the arguments of " + fn
          : "expected ';' or ')' in the arguments of " + fn + " but found " + describe(close));
    }
    next();
    if (args.size() != fn.arity) {
      String expected =
          fn.arity == 1 ? "exactly 1 argument" : "exactly 2 arguments separated by ';'";
      throw error(name, fn + " takes " + expected + ", found " + args.size());
    }
    PNode node;
    switch (fn) {
      case MIN:
        node = PNode.binary(K.MIN, args.get(0), args.get(1));
        break;
      case MAX:
        node = PNode.binary(K.MAX, args.get(0), args.get(1));
        break;
      case POW:
        node = PNode.binary(K.POW, args.get(0), args.get(1));
        break;
      case EQ:
        node = PNode.binary(K.EQ, args.get(0), args.get(1));
        break;
      case NEQ:
        node = PNode.binary(K.NE, args.get(0), args.get(1));
        break;
      case GT:
        node = PNode.binary(K.GT, args.get(0), args.get(1));
        break;
      case GEQ:
        node = PNode.binary(K.GE, args.get(0), args.get(1));
        break;
      case LT:
        node = PNode.binary(K.LT, args.get(0), args.get(1));
        break;
      case LEQ:
        node = PNode.binary(K.LE, args.get(0), args.get(1));
        break;
      default:
        node = PNode.unary(K.FN1, fn, args.get(0), name.start(), close.end());
        break;
    }
    node.start = name.start();
    node.end = close.end();
    return node;
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Kind.EOF) {
      pos++;
    }
    return t;
  }

  private String describe(Token t) {
    return t.kind() == Kind.EOF
        ? "the end of the formula"
        : "'" + text.substring(t.start(), t.end()) + "'";
  }

  private FormulaException error(Token t, String problem) {
    return new FormulaException(text, t.start(), problem);
  }
}
