package io.mcpbridge.engine.pkml.simmodel;

import io.mcpbridge.engine.pkml.ReferenceData;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared SimModel XML reference data (read-only, never copied into the project). */
final class SimModelData {
  private SimModelData() {}

  /** The {@code shared/reference/simmodel-xml} directory. */
  static Path root() {
    return ReferenceData.root().getParent().resolve("simmodel-xml");
  }

  /** A file of the kernel's test corpus. */
  static Path corpus(String file) {
    return existing(root().resolve("simmodel-testdata").resolve(file));
  }

  /** A file of the PK-Sim population case. */
  static Path pksim(String file) {
    return existing(root().resolve("pksim-europeans-iv-bsa").resolve(file));
  }

  private static Path existing(Path p) {
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("reference file missing: " + p);
    }
    return p;
  }
}
