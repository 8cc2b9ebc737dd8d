package io.mcpbridge.plot.jfreechart;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Tick labels independent of the machine's locale (so the bytes do not depend on it): plain
 * decimals from 0.001 to 99 999, scientific notation outside, never more digits than needed.
 */
final class TickFormat extends NumberFormat {
  private static final long serialVersionUID = 1L;
  private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);
  private final int significantDigits;

  /** Tick labels: nine significant digits at most, which hides floating-point noise of tick arithmetic. */
  TickFormat() {
    this(9);
  }

  /** Values with at most this many significant digits. */
  TickFormat(int significantDigits) {
    this.significantDigits = significantDigits;
  }

  @Override
  public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
    double magnitude = Math.abs(number);
    double rounded = magnitude == 0 ? 0
        : new java.math.BigDecimal(number).round(new java.math.MathContext(significantDigits)).doubleValue();
    DecimalFormat f = rounded == 0 || magnitude >= 1e-3 && magnitude < 1e5
        ? new DecimalFormat("0.#########", SYMBOLS)
        : new DecimalFormat("0.###E0", SYMBOLS);
    return toAppendTo.append(f.format(rounded));
  }

  @Override
  public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
    return format((double) number, toAppendTo, pos);
  }

  @Override
  public Number parse(String source, ParsePosition parsePosition) {
    return new DecimalFormat("0.#########", SYMBOLS).parse(source, parsePosition);
  }
}
