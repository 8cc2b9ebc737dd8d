package io.mcpbridge.engine.pkml.expr;

/**
 * A formula string could not be parsed: a syntax error, an unknown identifier, an unsupported
 * function, or an invalid reference list. The message names the formula text, the position (a
 * 0-based index into the original text) and the problem.
 */
public class FormulaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private static final int NEAR_LENGTH = 24;

  private final String formulaText;
  private final int position;
  private final String problem;

  /**
   * @param formulaText the formula as given to {@link Formula#parse}
   * @param position 0-based index into {@code formulaText} where the problem was found, or -1 if
   *     the problem is not tied to a position (e.g. a duplicate alias)
   * @param problem what is wrong, in words
   */
  public FormulaException(String formulaText, int position, String problem) {
    super(describe(formulaText, position, problem));
    this.formulaText = formulaText;
    this.position = position;
    this.problem = problem;
  }

  /** The formula text as given to the parser. */
  public String formulaText() {
    return formulaText;
  }

  /** 0-based index into {@link #formulaText()}, or -1 if the problem has no position. */
  public int position() {
    return position;
  }

  /** The problem without the formula and position. */
  public String problem() {
    return problem;
  }

  private static String describe(String text, int position, String problem) {
    StringBuilder sb = new StringBuilder("Invalid formula \"").append(text).append('"');
    if (position >= 0) {
      sb.append(" at position ").append(position);
      if (position < text.length()) {
        String near = text.substring(position, Math.min(text.length(), position + NEAR_LENGTH));
        boolean cut = position + NEAR_LENGTH < text.length();
        sb.append(" (near \"").append(near).append(cut ? "…" : "").append("\")");
      } else {
        sb.append(" (end of formula)");
      }
    }
    return sb.append(": ").append(problem).toString();
  }
}
