package io.mcpbridge.core.model.plot;

/** How a line is drawn relative to the others. */
public enum LineStyle {
  /** A main curve: full colour, regular width. */
  SOLID,
  /** A second curve of the same group (e.g. a reference run): dashed. */
  DASHED,
  /** One of many individual curves (spaghetti): thin and translucent, behind the main curves. */
  THIN
}
