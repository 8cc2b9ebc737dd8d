package io.mcpbridge.core.population;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the read-only reference data ({@code shared/reference}) by walking up from the working directory. */
final class ReferencePopulation {
  private static final Path RELATIVE = Path.of("shared", "reference");

  private ReferencePopulation() {}

  static Path file(String first, String... more) {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE).resolve(Path.of(first, more));
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("Reference file " + Path.of(first, more) + " not found above " + start);
  }
}
