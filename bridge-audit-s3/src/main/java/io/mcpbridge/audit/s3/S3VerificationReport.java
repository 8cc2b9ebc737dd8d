package io.mcpbridge.audit.s3;

import io.mcpbridge.core.audit.ChainVerdict;
import java.util.Objects;
import java.util.Optional;

/**
 * What verifying an S3 trail found.
 *
 * @param location the trail
 * @param verdict the chain verdict (hashes, links, signed checkpoints, truncation)
 * @param objectsChecked record and checkpoint objects read
 * @param daysChecked day prefixes read
 * @param objectFailure the first object that is not stored as WORM evidence must be, if any
 */
public record S3VerificationReport(String location, ChainVerdict verdict, int objectsChecked, int daysChecked,
    Optional<Failure> objectFailure) {
  public S3VerificationReport {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(objectFailure, "objectFailure");
  }

  /**
   * The first failure, by object key.
   *
   * @param key full object key
   * @param line 1-based line in the object (0 for the object as a whole)
   * @param reason chain reason ({@code EDITED}, {@code CHAIN_BROKEN} …) or object reason
   *     ({@code LOCK_MISSING}, {@code LOCK_MODE_MISMATCH}, {@code RETENTION_TOO_SHORT},
   *     {@code OVERWRITTEN}, {@code DELETED}, {@code KEY_MISMATCH})
   * @param detail one sentence for an operator
   */
  public record Failure(String key, long line, String reason, String detail) {
    /** One line: key, reason and detail. */
    public String describe() {
      return key + (line > 0 ? ":" + line : "") + " (" + reason + "): " + detail;
    }
  }

  /** True when nothing was found wrong. */
  public boolean intact() {
    return verdict.intact() && objectFailure.isEmpty();
  }

  /** The first failure: the chain's, or else the object check's. */
  public Optional<Failure> firstFailure() {
    return verdict.failure()
        .map(f -> new Failure(f.position().file(), f.position().line(), f.reason().name(), f.detail()))
        .or(() -> objectFailure);
  }
}
