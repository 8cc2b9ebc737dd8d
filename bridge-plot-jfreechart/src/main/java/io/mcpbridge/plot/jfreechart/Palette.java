package io.mcpbridge.plot.jfreechart;

import java.awt.Color;

/**
 * Okabe and Ito's colour-blind-safe palette, ordered for contrast on white (the yellow last).
 * Colour groups beyond its size wrap around.
 */
final class Palette {
  private static final Color[] COLOURS = {
    new Color(0x0072B2), // blue
    new Color(0xD55E00), // vermillion
    new Color(0x009E73), // bluish green
    new Color(0xCC79A7), // reddish purple
    new Color(0xE69F00), // orange
    new Color(0x56B4E9), // sky blue
    new Color(0x000000), // black
    new Color(0xF0E442), // yellow
  };

  private Palette() {}

  /** The colour of a group. */
  static Color of(int group) {
    return COLOURS[group % COLOURS.length];
  }

  /** The colour of a group with an opacity from 0 to 1. */
  static Color of(int group, double opacity) {
    Color c = of(group);
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * opacity));
  }
}
