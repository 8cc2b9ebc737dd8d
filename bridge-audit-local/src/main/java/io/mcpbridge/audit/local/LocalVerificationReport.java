package io.mcpbridge.audit.local;

import io.mcpbridge.core.audit.ChainFailure;
import io.mcpbridge.core.audit.ChainVerdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What verifying a local trail found.
 *
 * @param root the trail directory
 * @param verdict the chain verdict (first failure with file, line and reason; notes)
 * @param filesChecked record files read
 * @param tornFiles files holding torn bytes set aside by recovery (relative to the root)
 */
public record LocalVerificationReport(Path root, ChainVerdict verdict, int filesChecked, List<String> tornFiles) {
  public LocalVerificationReport {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(verdict, "verdict");
    tornFiles = List.copyOf(tornFiles);
  }

  /** True when nothing was found wrong. */
  public boolean intact() {
    return verdict.intact();
  }

  /** The first failure, if any. */
  public Optional<ChainFailure> firstFailure() {
    return verdict.failure();
  }
}
