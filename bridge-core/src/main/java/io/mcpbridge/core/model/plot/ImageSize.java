package io.mcpbridge.core.model.plot;

import io.mcpbridge.core.error.InvalidInputException;

/**
 * The size of a rendered chart in pixels (SVG: user units).
 *
 * @param width between {@link #MIN} and {@link #MAX}
 * @param height between {@link #MIN} and {@link #MAX}
 */
public record ImageSize(int width, int height) {
  /** The smallest edge that still holds a readable chart. */
  public static final int MIN = 300;
  /** The largest edge, which bounds the memory of one rendering. */
  public static final int MAX = 4000;
  /** 1200 × 800, the default. */
  public static final ImageSize DEFAULT = new ImageSize(1200, 800);

  public ImageSize {
    if (width < MIN || width > MAX || height < MIN || height > MAX) {
      throw new InvalidInputException("image size " + width + "x" + height + " is outside " + MIN + ".." + MAX
          + " pixels per edge");
    }
  }
}
