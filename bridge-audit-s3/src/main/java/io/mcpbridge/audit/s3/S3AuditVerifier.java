package io.mcpbridge.audit.s3;

import io.mcpbridge.core.audit.AuditLines;

import io.mcpbridge.core.audit.AuditChainVerifier;
import io.mcpbridge.core.audit.AuditRecordForm;
import io.mcpbridge.core.audit.ChainFailure;
import io.mcpbridge.core.audit.SignedCheckpoint;
import io.mcpbridge.core.audit.TrailPosition;
import io.mcpbridge.core.config.AuditSettings;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.model.AuditRecord;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Verifies an S3 trail between optional dates, day prefix by day prefix: recomputes every hash,
 * follows every link across objects and days, checks every signed checkpoint and, when the range
 * reaches the newest day, that nothing attested is missing. For every object it also checks the
 * WORM evidence: the expected lock mode, a retain-until of at least the object's write time + lock
 * days, a single content (versions differing in content mean the key was overwritten) and no delete
 * marker. Reports the first failing object key and the reason. Reads only.
 */
public final class S3AuditVerifier implements AutoCloseable {
  /** Allowed difference between the writer's clock (retain-until) and the store's (write time). */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final S3Client client;
  private final ObjectStore store;
  private final AuditSettings.LockMode lockMode;
  private final Duration retention;

  private S3AuditVerifier(S3Client client, S3AuditSettings settings) {
    this.client = client;
    this.store = new ObjectStore(client, settings.location(), settings.lockMode(), settings.lockDays(),
        settings.kmsKeyId(), settings.clock(), 3, Duration.ofMillis(100));
    this.lockMode = settings.lockMode();
    this.retention = Duration.ofDays(settings.lockDays());
  }

  /** A verifier of the trail at {@code settings.location()} expecting its lock mode and days. */
  public static S3AuditVerifier connect(S3AuditSettings settings) {
    return new S3AuditVerifier(S3Clients.create(settings), settings);
  }

  static S3AuditVerifier on(S3Client client, S3AuditSettings settings) {
    return new S3AuditVerifier(client, settings);
  }

  /**
   * The public keys published in the trail ({@code keys/}). Convenient, but whoever can write the
   * bucket can add keys: pin keys out of band for real audits.
   */
  public List<PublicKey> publishedKeys() {
    try {
      return SigningKeys.published(store);
    } catch (SdkException e) {
      throw unavailable(e);
    }
  }

  /**
   * Verifies the days from {@code from} to {@code to} (inclusive, UTC; empty = open).
   *
   * @param trustedKeys checkpoint public keys to accept
   * @throws BackendUnavailableException if the bucket cannot be read
   */
  public S3VerificationReport verify(Optional<LocalDate> from, Optional<LocalDate> to, List<PublicKey> trustedKeys) {
    try {
      return new Run(trustedKeys, from, to).run();
    } catch (SdkException e) {
      throw unavailable(e);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  private BackendUnavailableException unavailable(SdkException e) {
    return new BackendUnavailableException("cannot read the audit trail at " + store.location() + ": "
        + S3AuditSink.describe(e), e);
  }

  /** One verification: state kept while walking the days. */
  private final class Run {
    private final List<PublicKey> trustedKeys;
    private final Optional<LocalDate> from;
    private final Optional<LocalDate> to;
    private final Deque<Located> checkpoints = new ArrayDeque<>();
    private AuditChainVerifier verifier;
    private Optional<S3VerificationReport.Failure> objectFailure = Optional.empty();
    private int objects;

    Run(List<PublicKey> trustedKeys, Optional<LocalDate> from, Optional<LocalDate> to) {
      this.trustedKeys = trustedKeys;
      this.from = from;
      this.to = to;
    }

    S3VerificationReport run() {
      TrailIndex index = new TrailIndex(store);
      List<LocalDate> all = index.days(Optional.empty(), Optional.empty());
      List<LocalDate> days = all.stream()
          .filter(d -> from.map(f -> !d.isBefore(f)).orElse(true))
          .filter(d -> to.map(t -> !d.isAfter(t)).orElse(true))
          .toList();
      boolean fromStart = days.isEmpty() || days.get(0).equals(all.get(0));
      boolean tailIncluded = days.isEmpty() ? to.isEmpty() : days.get(days.size() - 1).equals(all.get(all.size() - 1));
      verifier = fromStart ? AuditChainVerifier.fromGenesis(trustedKeys) : AuditChainVerifier.fromAnyRecord(trustedKeys);
      for (LocalDate day : days) {
        if (!verifyDay(day)) {
          break;
        }
      }
      if (!stopped()) {
        Located furthest = null;
        while (!checkpoints.isEmpty()) {
          Located next = checkpoints.poll();
          if (next.checkpoint().checkpoint().sequence() <= verifier.lastSequence()) {
            verifier.checkpoint(next.checkpoint(), next.at());
          } else if (furthest == null || next.checkpoint().checkpoint().sequence() >= furthest.checkpoint().checkpoint().sequence()) {
            furthest = next;
          }
        }
        // The checkpoint attesting most shows how much of the tail is missing.
        if (tailIncluded && furthest != null) {
          verifier.checkpoint(furthest.checkpoint(), furthest.at());
        }
      }
      if (days.isEmpty()) {
        verifier.note("no day prefixes in the range");
      }
      return new S3VerificationReport(store.location().toString(), verifier.finish(tailIncluded && objectFailure.isEmpty()),
          objects, days.size(), objectFailure);
    }

    private boolean stopped() {
      return verifier.failed() || objectFailure.isPresent();
    }

    /** Checks one day: its checkpoints are queued, its batches checked in key (= chain) order. */
    private boolean verifyDay(LocalDate day) {
      Map<String, List<ObjectStore.Version>> byKey = new LinkedHashMap<>();
      for (ObjectStore.Version v : store.versions(TrailKeys.day(day))) {
        byKey.computeIfAbsent(v.key(), k -> new ArrayList<>()).add(v);
      }
      for (Map.Entry<String, List<ObjectStore.Version>> e : byKey.entrySet()) {
        if (TrailKeys.isCheckpoint(e.getKey()) && !checkpointObject(e.getKey(), e.getValue())) {
          return false;
        }
      }
      for (Map.Entry<String, List<ObjectStore.Version>> e : byKey.entrySet()) {
        if (TrailKeys.batch(e.getKey()).isPresent() && !batchObject(e.getKey(), e.getValue())) {
          return false;
        }
      }
      return true;
    }

    private boolean checkpointObject(String key, List<ObjectStore.Version> versions) {
      Optional<ObjectStore.Stored> object = readLatest(key, versions);
      if (object.isEmpty()) {
        return !stopped();
      }
      TrailPosition at = new TrailPosition(fullKey(key), 1);
      try {
        List<String> lines = RecordLines.split(object.get().body());
        if (lines.size() != 1) {
          throw new IllegalArgumentException("a checkpoint object holds exactly one line, found " + lines.size());
        }
        checkpoints.add(new Located(AuditLines.checkpoint(lines.get(0)), at));
      } catch (IllegalArgumentException e) {
        verifier.fail(new ChainFailure(ChainFailure.Reason.UNREADABLE, at, -1, "not a checkpoint: " + e.getMessage()));
        return false;
      }
      return wormEvidence(object.get(), versions);
    }

    private boolean batchObject(String key, List<ObjectStore.Version> versions) {
      Optional<ObjectStore.Stored> object = readLatest(key, versions);
      if (object.isEmpty()) {
        return !stopped();
      }
      List<String> lines;
      try {
        lines = RecordLines.split(object.get().body());
      } catch (IllegalArgumentException e) {
        verifier.fail(new ChainFailure(ChainFailure.Reason.UNREADABLE, new TrailPosition(fullKey(key), 0), -1, e.getMessage()));
        return false;
      }
      long firstSequence = -1;
      long lastSequence = -1;
      for (int i = 0; i < lines.size(); i++) {
        TrailPosition at = new TrailPosition(fullKey(key), i + 1L);
        AuditRecord record;
        try {
          record = AuditLines.record(lines.get(i));
        } catch (IllegalArgumentException e) {
          verifier.fail(new ChainFailure(ChainFailure.Reason.UNREADABLE, at, -1, "line is not an audit record: " + e.getMessage()));
          return false;
        }
        while (!checkpoints.isEmpty() && checkpoints.peek().checkpoint().checkpoint().sequence() < record.sequence()) {
          Located next = checkpoints.poll();
          if (!verifier.checkpoint(next.checkpoint(), next.at())) {
            return false;
          }
        }
        if (!verifier.record(record, at)) {
          return false;
        }
        if (!AuditRecordForm.line(record).equals(lines.get(i))) {
          verifier.fail(new ChainFailure(ChainFailure.Reason.EDITED, at, record.sequence(),
              "line is not in the canonical form the sink writes: the line was edited"));
          return false;
        }
        firstSequence = firstSequence < 0 ? record.sequence() : firstSequence;
        lastSequence = record.sequence();
      }
      TrailKeys.Batch named = TrailKeys.batch(key).orElseThrow();
      if (named.first() != firstSequence || named.last() != lastSequence) {
        return objectFails(key, "KEY_MISMATCH", "the key names records " + named.first() + "-" + named.last()
            + " but the object holds " + firstSequence + "-" + lastSequence + ": it was copied or renamed");
      }
      return wormEvidence(object.get(), versions);
    }

    /** The newest version's content, or empty (with a failure) when the key was deleted. */
    private Optional<ObjectStore.Stored> readLatest(String key, List<ObjectStore.Version> versions) {
      objects++;
      ObjectStore.Version latest = versions.stream().filter(ObjectStore.Version::latest).findFirst().orElse(versions.get(0));
      if (latest.deleteMarker()) {
        objectFails(key, "DELETED", "the newest version is a delete marker: the object was deleted "
            + "(its locked versions are still stored; " + (versions.size() - 1) + " version(s))");
        return Optional.empty();
      }
      Optional<ObjectStore.Stored> object = store.get(key);
      if (object.isEmpty()) {
        objectFails(key, "DELETED", "listed but no longer readable");
      }
      return object;
    }

    /** Lock mode, retention and single content of an object whose content passed the chain. */
    private boolean wormEvidence(ObjectStore.Stored object, List<ObjectStore.Version> versions) {
      String key = object.key();
      if (object.lockMode().isEmpty() || object.retainUntil().isEmpty()) {
        return objectFails(key, "LOCK_MISSING", "the object carries no Object Lock retention: it can be deleted or overwritten");
      }
      if (!object.lockMode().get().equalsIgnoreCase(lockMode.name())) {
        return objectFails(key, "LOCK_MODE_MISMATCH", "lock mode is " + object.lockMode().get() + ", expected " + lockMode);
      }
      Instant written = object.lastModified().orElse(Instant.EPOCH);
      Instant required = written.plus(retention).minus(CLOCK_SKEW);
      if (object.retainUntil().get().isBefore(required)) {
        return objectFails(key, "RETENTION_TOO_SHORT", "retained until " + object.retainUntil().get() + ", but written "
            + written + " with " + retention.toDays() + " lock days requires at least " + written.plus(retention));
      }
      long contents = versions.stream().filter(v -> !v.deleteMarker()).map(ObjectStore.Version::etag).distinct().count();
      if (contents > 1) {
        return objectFails(key, "OVERWRITTEN", versions.size() + " versions with " + contents
            + " different contents: the key was overwritten (the original locked version is still stored)");
      }
      if (versions.size() > 1) {
        verifier.note(fullKey(key) + " is stored " + versions.size() + " times with identical content (a retried write)");
      }
      return true;
    }

    private boolean objectFails(String key, String reason, String detail) {
      if (objectFailure.isEmpty()) {
        objectFailure = Optional.of(new S3VerificationReport.Failure(fullKey(key), 0, reason, detail));
      }
      return false;
    }

    private String fullKey(String relativeKey) {
      return store.location().key(relativeKey);
    }
  }

  private record Located(SignedCheckpoint checkpoint, TrailPosition at) {}
}
