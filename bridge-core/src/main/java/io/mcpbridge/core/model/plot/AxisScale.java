package io.mcpbridge.core.model.plot;

import io.mcpbridge.core.error.InvalidInputException;
import java.util.Locale;

/** How an axis maps values to positions. */
public enum AxisScale {
  /** Equal distances for equal differences. */
  LINEAR,
  /** Equal distances for equal ratios (base 10); values ≤ 0 cannot be shown. */
  LOG;

  /** The wire name: {@code linear} or {@code log}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code linear} or {@code log} (case-insensitive).
   *
   * @throws InvalidInputException for anything else
   */
  public static AxisScale parse(String text) {
    for (AxisScale s : values()) {
      if (s.wireName().equalsIgnoreCase(text.trim())) {
        return s;
      }
    }
    throw new InvalidInputException("scale must be linear or log, not '" + text + "'");
  }
}
