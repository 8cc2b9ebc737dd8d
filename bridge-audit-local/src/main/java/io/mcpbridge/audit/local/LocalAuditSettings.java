package io.mcpbridge.audit.local;

import io.mcpbridge.core.config.AuditSettings;
import io.mcpbridge.core.config.Environment;
import io.mcpbridge.core.config.Secret;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the local audit trail.
 *
 * @param directory trail root ({@code AUDIT_STORAGE_PATH})
 * @param checkpointEvery a signed checkpoint after this many events
 * @param checkpointInterval a signed checkpoint when events have waited this long without one
 * @param signingKey configured Ed25519 key (base64 PKCS#8)
 * @param generateKeyIfMissing whether a key may be generated and stored next to the trail
 * @param clock time source for checkpoints and day files (UTC)
 */
public record LocalAuditSettings(
    Path directory,
    int checkpointEvery,
    Duration checkpointInterval,
    Optional<Secret> signingKey,
    boolean generateKeyIfMissing,
    Clock clock) {
  public LocalAuditSettings {
    Objects.requireNonNull(directory, "directory");
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("checkpointEvery must be >= 1");
    }
    if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
      throw new IllegalArgumentException("checkpointInterval must be positive");
    }
    Objects.requireNonNull(signingKey, "signingKey");
    Objects.requireNonNull(clock, "clock");
  }

  /** The local settings of the configured audit trail; keys are generated only where shortcuts are allowed. */
  public static LocalAuditSettings from(AuditSettings audit, Environment environment, Clock clock) {
    return new LocalAuditSettings(audit.storagePath(), audit.checkpointEvery(), audit.checkpointInterval(),
        audit.signingKey(), environment.allowsDevelopmentShortcuts(), clock);
  }
}
