package io.mcpbridge.audit.s3;

import io.mcpbridge.core.config.AuditSettings;
import io.mcpbridge.core.config.Environment;
import io.mcpbridge.core.config.Secret;
import io.mcpbridge.core.error.InvalidInputException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the S3 audit trail.
 *
 * @param location bucket and key prefix of the trail
 * @param region bucket region
 * @param endpoint endpoint override for S3-compatible servers (then path-style addressing)
 * @param lockMode Object Lock mode of every written object
 * @param lockDays retention of every written object, from its write time
 * @param kmsKeyId SSE-KMS key, if objects are to be encrypted with one
 * @param checkpointEvery a signed checkpoint after this many events
 * @param checkpointInterval a signed checkpoint when events have waited this long without one
 * @param signingKey configured Ed25519 key (base64 PKCS#8)
 * @param generateKeyIfMissing whether a key may be generated for this process when none is configured
 * @param maxBatchSize at most this many events share one object (one PUT)
 * @param maxBatchWait how long a batch may wait for more events while appends arrive concurrently
 * @param clock time source for day prefixes, retention and checkpoints (UTC)
 */
public record S3AuditSettings(
    S3Location location,
    String region,
    Optional<URI> endpoint,
    AuditSettings.LockMode lockMode,
    int lockDays,
    Optional<String> kmsKeyId,
    int checkpointEvery,
    Duration checkpointInterval,
    Optional<Secret> signingKey,
    boolean generateKeyIfMissing,
    int maxBatchSize,
    Duration maxBatchWait,
    Clock clock) {
  /** Events per object unless configured otherwise. */
  public static final int DEFAULT_MAX_BATCH = 1000;
  /** Batch wait unless configured otherwise: a few ms, so a burst of appenders shares one PUT. */
  public static final Duration DEFAULT_MAX_BATCH_WAIT = Duration.ofMillis(3);

  public S3AuditSettings {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(lockMode, "lockMode");
    if (lockDays < 1) {
      throw new IllegalArgumentException("lockDays must be >= 1");
    }
    Objects.requireNonNull(kmsKeyId, "kmsKeyId");
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("checkpointEvery must be >= 1");
    }
    if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
      throw new IllegalArgumentException("checkpointInterval must be positive");
    }
    Objects.requireNonNull(signingKey, "signingKey");
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be >= 1");
    }
    if (maxBatchWait.isNegative()) {
      throw new IllegalArgumentException("maxBatchWait must not be negative");
    }
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * The S3 settings of the configured audit trail.
   *
   * @throws InvalidInputException if bucket, region, lock mode or lock days are missing
   */
  public static S3AuditSettings from(AuditSettings audit, Environment environment, Clock clock) {
    AuditSettings.S3 s3 = audit.s3();
    S3Location location = new S3Location(required(s3.bucket(), "AUDIT_S3_BUCKET"), s3.prefix());
    return new S3AuditSettings(location, required(s3.region(), "AUDIT_S3_REGION"), s3.endpoint(),
        required(s3.lockMode(), "AUDIT_S3_OBJECT_LOCK_MODE"), required(s3.lockDays(), "AUDIT_S3_OBJECT_LOCK_DAYS"),
        s3.kmsKeyId(), audit.checkpointEvery(), audit.checkpointInterval(), audit.signingKey(),
        environment.allowsDevelopmentShortcuts(), DEFAULT_MAX_BATCH, DEFAULT_MAX_BATCH_WAIT, clock);
  }

  /**
   * Settings for verifying the trail at a given location with the configured region, endpoint,
   * lock mode and lock days (the bucket and prefix of the configuration are not needed).
   *
   * @throws InvalidInputException if region, lock mode or lock days are missing
   */
  public static S3AuditSettings forVerification(S3Location location, AuditSettings audit, Clock clock) {
    AuditSettings.S3 s3 = audit.s3();
    return new S3AuditSettings(location, required(s3.region(), "AUDIT_S3_REGION"), s3.endpoint(),
        required(s3.lockMode(), "AUDIT_S3_OBJECT_LOCK_MODE"), required(s3.lockDays(), "AUDIT_S3_OBJECT_LOCK_DAYS"),
        s3.kmsKeyId(), audit.checkpointEvery(), audit.checkpointInterval(), Optional.empty(), false,
        DEFAULT_MAX_BATCH, DEFAULT_MAX_BATCH_WAIT, clock);
  }

  private static <T> T required(Optional<T> value, String name) {
    return value.orElseThrow(() -> new InvalidInputException(name + " is required for the S3 audit trail"));
  }
}
