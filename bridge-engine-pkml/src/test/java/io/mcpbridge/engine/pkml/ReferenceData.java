package io.mcpbridge.engine.pkml;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared, read-only OSP reference data by walking up from the working directory. */
public final class ReferenceData {
  private ReferenceData() {}

  /** The {@code shared/reference/pkml} directory; fails with a clear message if absent. */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared").resolve("reference").resolve("pkml");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("reference data not found: no directory 'shared/reference/pkml' in "
        + Path.of("").toAbsolutePath() + " or any parent");
  }

  /** A model file below {@code models/}. */
  public static Path model(String relative) {
    Path p = root().resolve("models").resolve(relative);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("reference model missing: " + p);
    }
    return p;
  }
}
