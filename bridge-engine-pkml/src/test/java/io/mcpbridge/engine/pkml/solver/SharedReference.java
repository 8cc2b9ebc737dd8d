package io.mcpbridge.engine.pkml.solver;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project's shared reference data ({@code shared/reference/pkml}) at test time. */
final class SharedReference {
  private SharedReference() {}

  /** Walks up from the working directory to the first directory containing shared/reference/pkml. */
  static Path pkmlReferenceDirectory() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("reference").resolve("pkml");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return fail("no directory shared/reference/pkml found above " + start
        + "; the reference data must be available for this test");
  }
}
