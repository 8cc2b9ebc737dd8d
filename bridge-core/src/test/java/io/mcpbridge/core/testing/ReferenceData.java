package io.mcpbridge.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the read-only OSP reference data ({@code shared/reference/pkml}) at test time. */
public final class ReferenceData {
  private static final Path RELATIVE = Path.of("shared", "reference", "pkml");

  private ReferenceData() {}

  /** The {@code pkml} reference directory, found by walking up from the working directory. */
  public static Path pkmlRoot() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "Reference data not found: no directory containing "
            + RELATIVE
            + " in "
            + start
            + " or any parent. These tests need the shared OSP reference files.");
  }

  /** A file below the {@code pkml} reference directory. */
  public static Path file(String first, String... more) {
    Path p = pkmlRoot().resolve(Path.of(first, more));
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("Reference file missing: " + p);
    }
    return p;
  }
}
