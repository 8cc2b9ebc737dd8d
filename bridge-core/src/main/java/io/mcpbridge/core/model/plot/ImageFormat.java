package io.mcpbridge.core.model.plot;

import io.mcpbridge.core.error.InvalidInputException;
import java.util.Locale;

/** The image encodings a chart is rendered to. */
public enum ImageFormat {
  /** Portable Network Graphics, a raster image. */
  PNG("image/png", "png"),
  /** Scalable Vector Graphics, a vector image as XML text. */
  SVG("image/svg+xml", "svg");

  private final String mimeType;
  private final String extension;

  ImageFormat(String mimeType, String extension) {
    this.mimeType = mimeType;
    this.extension = extension;
  }

  /** The media type, e.g. {@code image/png}. */
  public String mimeType() {
    return mimeType;
  }

  /** The file name extension without the dot, e.g. {@code png}. */
  public String extension() {
    return extension;
  }

  /**
   * Parses {@code png} or {@code svg} (case-insensitive).
   *
   * @throws InvalidInputException for anything else
   */
  public static ImageFormat parse(String text) {
    for (ImageFormat f : values()) {
      if (f.extension.equalsIgnoreCase(text.trim())) {
        return f;
      }
    }
    throw new InvalidInputException("image format must be png or svg, not '" + text + "'");
  }

  /**
   * The format a file name asks for by its extension.
   *
   * @throws InvalidInputException if the name ends neither in .png nor in .svg
   */
  public static ImageFormat ofFileName(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (ImageFormat f : values()) {
      if (lower.endsWith("." + f.extension)) {
        return f;
      }
    }
    throw new InvalidInputException("plot file " + fileName + " must end in .png or .svg");
  }
}
