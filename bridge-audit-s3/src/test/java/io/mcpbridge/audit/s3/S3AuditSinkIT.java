package io.mcpbridge.audit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.audit.AuditChain;
import io.mcpbridge.core.audit.AuditRecordForm;
import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.testkit.AuditEvents;
import io.mcpbridge.testkit.AuditSinkContract;
import io.mcpbridge.testkit.CephRgw;
import io.mcpbridge.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 sink and verifier against a real Ceph RADOS Gateway that enforces Object Lock. */
@ExtendWith(CephRgw.class)
class S3AuditSinkIT extends AuditSinkContract {
  private static S3Client s3;
  private String bucket;

  @BeforeAll
  static void connect() {
    CephBuckets.useGatewayCredentials();
    s3 = CephBuckets.client();
  }

  @AfterAll
  static void disconnect() {
    s3.close();
  }

  @BeforeEach
  void newBucket() {
    bucket = CephBuckets.create(s3);
  }

  @Override
  protected AuditSink openSink() {
    return S3AuditSink.open(CephBuckets.settings(bucket, Clock.systemUTC(), 1000));
  }

  private S3VerificationReport verify(S3AuditSettings settings) {
    S3AuditVerifier verifier = S3AuditVerifier.on(CephBuckets.client(), settings);
    try (verifier) {
      return verifier.verify(Optional.empty(), Optional.empty(), verifier.publishedKeys());
    }
  }

  private List<S3Object> objects(String under) {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("audit-trail/" + under)).contents().stream().toList();
  }

  private static String today() {
    return TrailKeys.day(LocalDate.now(ZoneOffset.UTC));
  }

  @Test
  void givenAppends_everyObject_carriesTheLockModeAndRetention() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (AuditSink sink = openSink()) {
      for (int i = 0; i < 5; i++) {
        sink.append(AuditEvents.toolEvent(Instant.now()));
      }
    }

    List<S3Object> objects = objects(today());
    assertThat(objects).extracting(S3Object::key)
        .anyMatch(k -> k.contains("/records/")).anyMatch(k -> k.contains("/checkpoints/") && k.endsWith("-open.json"))
        .anyMatch(k -> k.endsWith("-close.json"));
    for (S3Object o : objects) {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(o.key()));
      assertThat(head.objectLockMode()).as(o.key()).isEqualTo(ObjectLockMode.COMPLIANCE);
      assertThat(head.objectLockRetainUntilDate()).as(o.key())
          .isBetween(before.plus(Duration.ofDays(CephBuckets.LOCK_DAYS)), Instant.now().plus(Duration.ofDays(CephBuckets.LOCK_DAYS)).plusSeconds(60));
    }
  }

  @Test
  void givenLockedObject_deletingItsVersion_isRefusedByTheServer() {
    try (AuditSink sink = openSink()) {
      sink.append(AuditEvents.toolEvent(Instant.now()));
    }
    S3Object batch = objects(today()).stream().filter(o -> o.key().contains("/records/")).findFirst().orElseThrow();
    String version = s3.headObject(b -> b.bucket(bucket).key(batch.key())).versionId();

    assertThatThrownBy(() -> s3.deleteObject(b -> b.bucket(bucket).key(batch.key()).versionId(version)))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    assertThatThrownBy(() -> s3.deleteObject(b -> b.bucket(bucket).key(batch.key()).versionId(version).bypassGovernanceRetention(true)))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    assertThat(s3.headObject(b -> b.bucket(bucket).key(batch.key()).versionId(version)).versionId()).isEqualTo(version);
  }

  @Test
  void givenCleanTrail_verifier_reportsIntactAndClosedCleanly() {
    try (AuditSink sink = openSink()) {
      for (int i = 0; i < 4; i++) {
        sink.append(AuditEvents.toolEvent(Instant.now()));
      }
    }

    S3VerificationReport report = verify(CephBuckets.settings(bucket, Clock.systemUTC(), 1000));

    assertThat(report.firstFailure()).isEmpty();
    assertThat(report.intact()).isTrue();
    assertThat(report.verdict().recordsChecked()).isEqualTo(4);
    assertThat(report.verdict().closedCleanly()).isTrue();
    assertThat(report.verdict().checkpointsChecked()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void givenObjectWrittenWithoutLock_verifier_failsNamingItsKey() {
    S3AuditSettings settings = CephBuckets.settings(bucket, Clock.systemUTC(), 1000);
    try (AuditSink sink = openSink()) {
      AuditRecord last = null;
      for (int i = 0; i < 3; i++) {
        last = sink.append(AuditEvents.toolEvent(Instant.now()));
      }
      // A chain-valid next record, stored by someone else without a lock: only the WORM check can tell.
      AuditRecord forged = AuditChain.resumeAt(last.sequence(), last.hash()).append(AuditEvents.toolEvent(Instant.now()));
      String key = "audit-trail/" + TrailKeys.records(LocalDate.now(ZoneOffset.UTC), 4, 4);
      s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(AuditRecordForm.line(forged) + "\n"));

      S3VerificationReport report = verify(settings);

      assertThat(report.intact()).isFalse();
      assertThat(report.firstFailure()).get().satisfies(f -> {
        assertThat(f.key()).isEqualTo(key);
        assertThat(f.reason()).isEqualTo("LOCK_MISSING");
      });
    }
  }

  @Test
  void givenObjectWithShortRetention_verifier_failsWithRetentionTooShort() {
    S3AuditSettings settings = CephBuckets.settings(bucket, Clock.systemUTC(), 1000);
    try (AuditSink sink = openSink()) {
      AuditRecord last = sink.append(AuditEvents.toolEvent(Instant.now()));
      AuditRecord forged = AuditChain.resumeAt(last.sequence(), last.hash()).append(AuditEvents.toolEvent(Instant.now()));
      String key = "audit-trail/" + TrailKeys.records(LocalDate.now(ZoneOffset.UTC), 2, 2);
      s3.putObject(b -> b.bucket(bucket).key(key).objectLockMode(ObjectLockMode.COMPLIANCE)
          .objectLockRetainUntilDate(Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS)),
          RequestBody.fromString(AuditRecordForm.line(forged) + "\n"));

      S3VerificationReport report = verify(settings);

      assertThat(report.firstFailure()).get().satisfies(f -> {
        assertThat(f.key()).isEqualTo(key);
        assertThat(f.reason()).isEqualTo("RETENTION_TOO_SHORT");
      });
    }
  }

  @Test
  void givenNewVersionWithEditedContent_verifier_detectsTheEditThroughTheChain() {
    try (AuditSink sink = openSink()) {
      for (int i = 0; i < 3; i++) {
        sink.append(AuditEvents.toolEvent(Instant.now()));
      }
    }
    S3Object batch = objects(today()).stream().filter(o -> o.key().contains("/records/")).findFirst().orElseThrow();
    String original = s3.getObjectAsBytes(b -> b.bucket(bucket).key(batch.key())).asUtf8String();
    assertThat(original).contains("\"status\":\"ok\"");
    // Overwriting is allowed (a new version; the locked one stays), and the new version is even locked.
    s3.putObject(b -> b.bucket(bucket).key(batch.key()).objectLockMode(ObjectLockMode.COMPLIANCE)
            .objectLockRetainUntilDate(Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS)),
        RequestBody.fromString(original.replaceFirst("\"status\":\"ok\"", "\"status\":\"refused\""), StandardCharsets.UTF_8));

    S3VerificationReport report = verify(CephBuckets.settings(bucket, Clock.systemUTC(), 1000));

    assertThat(report.firstFailure()).get().satisfies(f -> {
      assertThat(f.key()).isEqualTo(batch.key());
      assertThat(f.line()).isEqualTo(1);
      assertThat(f.reason()).isEqualTo("EDITED");
    });
  }

  @Test
  void givenAppendsAcrossMidnight_chainContinuesAcrossDayPrefixesAndReopening() {
    // Retention is counted from the sink's clock, so the days simulated lie ahead, never behind.
    Instant lateEvening = LocalDate.now(ZoneOffset.UTC).plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(2);
    MutableClock clock = new MutableClock(lateEvening);
    S3AuditSettings settings = CephBuckets.settings(bucket, clock, 2);
    try (S3AuditSink sink = S3AuditSink.open(settings)) {
      sink.append(AuditEvents.toolEvent(clock.instant()));
      sink.append(AuditEvents.toolEvent(clock.instant()));
      sink.append(AuditEvents.toolEvent(clock.instant()));
      clock.advance(Duration.ofSeconds(4));
      sink.append(AuditEvents.toolEvent(clock.instant()));
    }
    AuditRecord fifth;
    try (S3AuditSink reopened = S3AuditSink.open(settings)) {
      fifth = reopened.append(AuditEvents.toolEvent(clock.instant()));
      List<AuditRecord> all = reopened.query(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 100));
      assertThat(all).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(all.get(3).previousHash()).isEqualTo(all.get(2).hash());
      List<AuditRecord> fromSecondDay = reopened.query(new AuditQuery(Optional.empty(), Optional.empty(),
          Optional.of(clock.instant().minusSeconds(1)), Optional.empty(), 0, 100));
      assertThat(fromSecondDay).extracting(AuditRecord::sequence).containsExactly(4L, 5L);
    }
    assertThat(fifth.sequence()).isEqualTo(5);
    LocalDate first = LocalDate.ofInstant(lateEvening, ZoneOffset.UTC);
    assertThat(objects(TrailKeys.day(first) + "records/")).hasSize(3);
    assertThat(objects(TrailKeys.day(first.plusDays(1)) + "records/")).hasSize(2);

    S3VerificationReport report = verify(settings);
    assertThat(report.firstFailure()).isEmpty();
    assertThat(report.daysChecked()).isEqualTo(2);
    assertThat(report.verdict().recordsChecked()).isEqualTo(5);
    assertThat(report.verdict().closedCleanly()).isTrue();
  }
}
