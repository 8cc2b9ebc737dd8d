package io.mcpbridge.engine.pkml.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a formula string into tokens, following OSP's lexical rules.
 *
 * <p>Two passes. The first splits the original text at blanks and operator characters and
 * replaces every whole word equal to AND, OR or NOT (any case, and not a reference alias) by an
 * operator symbol; then blanks are dropped and {@code ,} becomes {@code .}. Dropping blanks after
 * the word operators are recognised is what lets {@code (a>1) AND (b<2)} work while an alias such
 * as {@code ANDROID} or {@code Notch} stays a name. The second pass tokenises the blank-free text;
 * each character remembers its index in the original text for error messages and sub-formula
 * texts.
 */
final class Lexer {

  enum Kind {
    NUM, REF, FUNC, LPAR, RPAR, SEMI, QUEST, COLON, PLUS, MINUS, MUL, DIV, POW,
    LT, LE, GT, GE, EQ, NE, AND, OR, NOT, EOF
  }

  /**
   * One token. {@code start}/{@code end} index the original text (end exclusive); {@code lexeme}
   * is the blank-free spelling. {@code number}, {@code ref} and {@code fn} are set for NUM, REF
   * and FUNC tokens.
   */
  record Token(Kind kind, int start, int end, String lexeme, double number, int ref, Fn fn) {
    boolean isComparison() {
      return kind.compareTo(Kind.LT) >= 0 && kind.compareTo(Kind.NE) <= 0;
    }
  }

  static final char NOT_SYMBOL = '\u00AC';
  private static final String DELIMITERS = "();?:+-*/^<>=!&|" + NOT_SYMBOL;

  /** What C's strtod accepts as a decimal number, without sign (signs are operators here). */
  private static final Pattern DECIMAL =
      Pattern.compile("(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  /** strtod's hexadecimal form, without sign. */
  private static final Pattern HEX =
      Pattern.compile("0[xX]([0-9a-fA-F]*)(?:\\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?");

  private final String text;
  private final Map<String, Integer> aliasIndex;

  // The blank-free text and, per character, its span in the original text.
  private char[] chars;
  private int[] origStart;
  private int[] origEnd;
  private int length;

  private Lexer(String text, Map<String, Integer> aliasIndex) {
    this.text = text;
    this.aliasIndex = aliasIndex;
  }

  /** Tokenises {@code text}; the last token is EOF at position {@code text.length()}. */
  static List<Token> tokenize(String text, Map<String, Integer> aliasIndex) {
    Lexer lexer = new Lexer(text, aliasIndex);
    lexer.removeBlanks();
    return lexer.tokens();
  }

  static boolean isDelimiter(char c) {
    return DELIMITERS.indexOf(c) >= 0;
  }

  private static boolean isBlank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private void removeBlanks() {
    int n = text.length();
    chars = new char[n];
    origStart = new int[n];
    origEnd = new int[n];
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (isBlank(c)) {
        i++;
      } else if (isDelimiter(c)) {
        put(c, i, i + 1);
        i++;
      } else {
        int j = i;
        while (j < n && !isBlank(text.charAt(j)) && !isDelimiter(text.charAt(j))) {
          j++;
        }
        char op = wordOperator(text.substring(i, j));
        if (op != 0) {
          put(op, i, j);
        } else {
          for (int k = i; k < j; k++) {
            char ch = text.charAt(k);
            put(ch == ',' ? '.' : ch, k, k + 1);
          }
        }
        i = j;
      }
    }
  }

  private char wordOperator(String word) {
    if (aliasIndex.containsKey(word)) {
      return 0;
    }
    switch (word.toUpperCase(Locale.ROOT)) {
      case "AND":
        return '&';
      case "OR":
        return '|';
      case "NOT":
        return NOT_SYMBOL;
      default:
        return 0;
    }
  }

  private void put(char c, int start, int end) {
    chars[length] = c;
    origStart[length] = start;
    origEnd[length] = end;
    length++;
  }

  private List<Token> tokens() {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < length) {
      char c = chars[i];
      char next = i + 1 < length ? chars[i + 1] : 0;
      switch (c) {
        case '(' -> out.add(symbol(Kind.LPAR, i, 1));
        case ')' -> out.add(symbol(Kind.RPAR, i, 1));
        case ';' -> out.add(symbol(Kind.SEMI, i, 1));
        case '?' -> out.add(symbol(Kind.QUEST, i, 1));
        case ':' -> out.add(symbol(Kind.COLON, i, 1));
        case '+' -> out.add(symbol(Kind.PLUS, i, 1));
        case '-' -> out.add(symbol(Kind.MINUS, i, 1));
        case '*' -> out.add(symbol(Kind.MUL, i, 1));
        case '/' -> out.add(symbol(Kind.DIV, i, 1));
        case '^' -> out.add(symbol(Kind.POW, i, 1));
        case '&' -> out.add(symbol(Kind.AND, i, 1));
        case '|' -> out.add(symbol(Kind.OR, i, 1));
        case NOT_SYMBOL -> out.add(symbol(Kind.NOT, i, 1));
        case '<' -> {
          if (next == '=') {
            out.add(symbol(Kind.LE, i, 2));
          } else if (next == '>') {
            out.add(symbol(Kind.NE, i, 2));
          } else {
            out.add(symbol(Kind.LT, i, 1));
          }
        }
        case '>' -> out.add(next == '=' ? symbol(Kind.GE, i, 2) : symbol(Kind.GT, i, 1));
        case '=' -> {
          if (next == '=') {
            throw error(i, "'==' is not an operator; equality is written with a single '='");
          }
          out.add(symbol(Kind.EQ, i, 1));
        }
        case '!' -> {
          if (next != '=') {
            throw error(i, "'!' must be followed by '=' ('!=' means not equal; negation is NOT)");
          }
          out.add(symbol(Kind.NE, i, 2));
        }
        default -> out.add(word(i));
      }
      i = endOfToken(out.get(out.size() - 1), i);
    }
    out.add(new Token(Kind.EOF, text.length(), text.length(), "", 0, -1, null));
    return out;
  }

  // Index in the blank-free text just after the token that started at i.
  private int endOfToken(Token t, int i) {
    int j = i;
    while (j < length && origStart[j] < t.end()) {
      j++;
    }
    return j;
  }

  private Token symbol(Kind kind, int i, int len) {
    String lexeme = new String(chars, i, len);
    return new Token(kind, origStart[i], origEnd[i + len - 1], lexeme, 0, -1, null);
  }

  private Token word(int i) {
    int j = scanWord(i);
    if (isExponentStem(i, j) && j + 1 < length
        && (chars[j] == '+' || chars[j] == '-') && isDigit(chars[j + 1])) {
      // 1e-5: the sign belongs to the exponent, not to a sum.
      j = scanWord(j + 1);
    }
    String w = new String(chars, i, j - i);
    int start = origStart[i];
    int end = origEnd[j - 1];
    Double number = parseNumber(w);
    if (number != null) {
      return new Token(Kind.NUM, start, end, w, number, -1, null);
    }
    Integer ref = aliasIndex.get(w);
    if (ref != null) {
      return new Token(Kind.REF, start, end, w, 0, ref, null);
    }
    String upper = w.toUpperCase(Locale.ROOT);
    switch (upper) {
      case "PI":
        return new Token(Kind.NUM, start, end, w, Math.PI, -1, null);
      case "E":
        return new Token(Kind.NUM, start, end, w, Math.E, -1, null);
      case "N.DEF.":
        return new Token(Kind.NUM, start, end, w, Double.NaN, -1, null);
      case "RND":
      case "SRND":
        throw error(i, "the random function " + upper + " is not supported by the simulator");
      default:
        break;
    }
    boolean call = j < length && chars[j] == '(';
    Fn fn = Fn.lookup(w);
    if (fn != null) {
      if (!call) {
        throw error(i, "function " + upper + " must be followed by its arguments in brackets");
      }
      return new Token(Kind.FUNC, start, end, w, 0, -1, fn);
    }
    if (call) {
      throw error(i, "unknown function '" + w + "'");
    }
    throw error(i, unknownIdentifier(w));
  }

  private int scanWord(int i) {
    int j = i;
    while (j < length && !isDelimiter(chars[j])) {
      j++;
    }
    return j;
  }

  // chars[i..j) is digits/dots ending in digit + 'e' or 'E', i.e. the start of 1e-5.
  private boolean isExponentStem(int i, int j) {
    if (j - i < 2 || (chars[j - 1] != 'e' && chars[j - 1] != 'E') || !isDigit(chars[j - 2])) {
      return false;
    }
    for (int k = i; k < j - 1; k++) {
      if (!isDigit(chars[k]) && chars[k] != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private String unknownIdentifier(String w) {
    StringBuilder sb = new StringBuilder("unknown identifier '").append(w).append('\'');
    for (String alias : aliasIndex.keySet()) {
      if (alias.equalsIgnoreCase(w)) {
        return sb.append(" (aliases are case-sensitive; did you mean '")
            .append(alias)
            .append("'?)")
            .toString();
      }
    }
    if (w.indexOf('.') >= 0) {
      sb.append(" (',' is read as a decimal point; function arguments are separated by ';')");
    } else {
      sb.append(" (not a reference alias, function or constant)");
    }
    return sb.toString();
  }

  private FormulaException error(int i, String problem) {
    return new FormulaException(text, origStart[i], problem);
  }

  /** The value of a word that C's strtod would accept in full, or null. */
  static Double parseNumber(String w) {
    if (DECIMAL.matcher(w).matches()) {
      return Double.parseDouble(w);
    }
    String upper = w.toUpperCase(Locale.ROOT);
    if (upper.equals("INF") || upper.equals("INFINITY")) {
      return Double.POSITIVE_INFINITY;
    }
    if (upper.equals("NAN")) {
      return Double.NaN;
    }
    Matcher hex = HEX.matcher(w);
    if (hex.matches()) {
      String whole = hex.group(1);
      String fraction = hex.group(2) == null ? "" : hex.group(2);
      if (whole.isEmpty() && fraction.isEmpty()) {
        return null;
      }
      String exponent = hex.group(3) == null ? "0" : hex.group(3);
      String mantissa =
          (whole.isEmpty() ? "0" : whole) + "." + (fraction.isEmpty() ? "0" : fraction);
      return Double.parseDouble("0x" + mantissa + "p" + exponent);
    }
    return null;
  }
}
