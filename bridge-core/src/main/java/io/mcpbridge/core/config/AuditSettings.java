package io.mcpbridge.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the audit trail.
 *
 * @param enabled whether events are recorded
 * @param backend local files or S3
 * @param storagePath directory of the local trail
 * @param failMode what happens when the store fails
 * @param signingKey Ed25519 checkpoint key
 * @param s3 settings of the S3 backend
 * @param verifyLookbackDays days checked by scheduled verification
 * @param readEvents whether read-only tool calls wait for their audit event to be stored
 * @param checkpointEvery a signed checkpoint after this many events
 * @param checkpointInterval a signed checkpoint when events have waited this long without one
 */
public record AuditSettings(
    boolean enabled,
    Backend backend,
    Path storagePath,
    FailMode failMode,
    Optional<Secret> signingKey,
    S3 s3,
    int verifyLookbackDays,
    int checkpointEvery,
    Duration checkpointInterval,
    ReadEvents readEvents) {

  /** How events of read-only tool calls are stored. */
  public enum ReadEvents {
    /** Queued in chain order without delaying the response (a crash may lose the last few). */
    ASYNC,
    /** Stored before the response, like every mutating call. */
    SYNC
  }

  /** Audit stores. */
  public enum Backend {
    LOCAL,
    S3
  }

  /** Behaviour when the store cannot persist. */
  public enum FailMode {
    /** Refuse mutating actions while the store cannot persist: nothing happens unrecorded. */
    CLOSED,
    /** Let mutating actions proceed unrecorded: a known risk, refused in production. */
    OPEN;

    /**
     * Whether a mutating action may go ahead given the audit store's health. Read-only actions
     * are never gated.
     *
     * @param sinkHealthy the sink's {@code healthy()} at the time of the action
     */
    public boolean mutatingActionsMayProceed(boolean sinkHealthy) {
      return sinkHealthy || this == OPEN;
    }
  }

  /** Object Lock modes. */
  public enum LockMode {
    GOVERNANCE,
    COMPLIANCE
  }

  /**
   * Settings of the S3 backend.
   *
   * @param bucket bucket with Object Lock enabled
   * @param prefix key prefix
   * @param region bucket region
   * @param endpoint endpoint override for S3-compatible servers
   * @param lockMode Object Lock mode
   * @param lockDays retention in days
   * @param kmsKeyId SSE-KMS key
   */
  public record S3(
      Optional<String> bucket,
      String prefix,
      Optional<String> region,
      Optional<URI> endpoint,
      Optional<LockMode> lockMode,
      Optional<Integer> lockDays,
      Optional<String> kmsKeyId) {}
}
