package io.mcpbridge.audit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.testkit.AuditEvents;
import io.mcpbridge.testkit.AuditSinkContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileAuditSinkTest extends AuditSinkContract {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  @TempDir Path dir;

  static LocalAuditSettings settings(Path dir, int every, Clock clock) {
    return new LocalAuditSettings(dir, every, Duration.ofHours(1), Optional.empty(), true, clock);
  }

  @Override
  protected AuditSink openSink() {
    return LocalFileAuditSink.open(settings(dir, 1000, Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  private static AuditQuery everything() {
    return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 1000);
  }

  @Test
  void givenOpenTrail_secondSinkOnSameDirectory_failsClearly() {
    try (LocalFileAuditSink first = LocalFileAuditSink.open(settings(dir, 10, Clock.systemUTC()))) {
      assertThatThrownBy(() -> LocalFileAuditSink.open(settings(dir, 10, Clock.systemUTC())))
          .isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining("already open by another writer");
      assertThat(first.healthy()).isTrue();
    }
  }

  @Test
  void givenAppendsOnTwoDays_files_arePartitionedByUtcDateAndChainContinues() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T23:59:59Z"));
    try (LocalFileAuditSink sink = LocalFileAuditSink.open(settings(dir, 1000, clock))) {
      sink.append(AuditEvents.toolEvent(clock.instant()));
      clock.set(Instant.parse("2026-03-02T00:00:01Z"));
      AuditRecord second = sink.append(AuditEvents.toolEvent(clock.instant()));
      assertThat(second.sequence()).isEqualTo(2);
    }

    assertThat(Files.readAllLines(dir.resolve("2026/03/01.jsonl"))).hasSize(1);
    assertThat(Files.readAllLines(dir.resolve("2026/03/02.jsonl"))).hasSize(1).first().asString().contains("\"sequence\":2");
    assertThat(new LocalAuditVerifier(dir, LocalAuditVerifier.trustedKeysOf(dir)).verify(Optional.empty(), Optional.empty()).intact()).isTrue();
  }

  @Test
  void givenCheckpointEveryThree_appendingSeven_writesOpenTwoPeriodicAndClose() throws Exception {
    try (LocalFileAuditSink sink = LocalFileAuditSink.open(settings(dir, 3, Clock.fixed(NOW, ZoneOffset.UTC)))) {
      for (int i = 0; i < 7; i++) {
        sink.append(AuditEvents.toolEvent(NOW));
      }
    }

    List<String> checkpoints = Files.readAllLines(dir.resolve("2026/03/01.checkpoints.jsonl"));
    assertThat(checkpoints).extracting(l -> l.replaceAll(".*\"kind\":\"([a-z]+)\",\"sequence\":(\\d+).*", "$1@$2"))
        .containsExactly("open@0", "periodic@3", "periodic@6", "close@7");
  }

  @Test
  void givenIdleTrailWithPendingEvents_checkpointInterval_anchorsThemWithoutClose() throws Exception {
    LocalAuditSettings quick = new LocalAuditSettings(dir, 1000, Duration.ofMillis(200), Optional.empty(), true, Clock.systemUTC());
    try (LocalFileAuditSink sink = LocalFileAuditSink.open(quick)) {
      sink.append(AuditEvents.toolEvent(Instant.now()));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (checkpointCount() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(checkpointCount()).isEqualTo(2);
    }
  }

  private long checkpointCount() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".checkpoints.jsonl")).mapToLong(p -> {
        try {
          return Files.readAllLines(p).size();
        } catch (java.io.IOException e) {
          return 0;
        }
      }).sum();
    }
  }

  @Test
  void givenDevelopmentStart_keyFiles_areOwnerOnlyAndPublicKeyListed() throws Exception {
    LocalFileAuditSink.open(settings(dir, 10, Clock.systemUTC())).close();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("audit-signing.key")))).isEqualTo("rw-------");
    assertThat(LocalAuditVerifier.trustedKeysOf(dir)).hasSize(1);
  }

  @Test
  void givenNoKeyAndGenerationNotAllowed_open_refusesToStart() {
    LocalAuditSettings strict = new LocalAuditSettings(dir, 10, Duration.ofSeconds(60), Optional.empty(), false, Clock.systemUTC());

    assertThatThrownBy(() -> LocalFileAuditSink.open(strict)).isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("AUDIT_SIGNING_KEY is required");
  }

  @Test
  void givenTrailMovedAway_append_failsAndSinkTurnsUnhealthyUntilItIsBack() throws Exception {
    try (LocalFileAuditSink sink = LocalFileAuditSink.open(settings(dir, 1000, Clock.fixed(NOW, ZoneOffset.UTC)))) {
      AuditRecord first = sink.append(AuditEvents.toolEvent(NOW));
      Files.move(dir.resolve("2026"), dir.resolve("elsewhere"));

      assertThatThrownBy(() -> sink.append(AuditEvents.toolEvent(NOW))).isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining("vanished");
      assertThat(sink.healthy()).isFalse();
      assertThatThrownBy(() -> sink.append(AuditEvents.toolEvent(NOW))).isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining("lost acknowledged records");

      Files.move(dir.resolve("elsewhere"), dir.resolve("2026"));
      AuditRecord after = sink.append(AuditEvents.toolEvent(NOW));
      assertThat(sink.healthy()).isTrue();
      assertThat(after.sequence()).isEqualTo(2);
      assertThat(after.previousHash()).isEqualTo(first.hash());
    }
  }

  @Test
  void givenTornLastLine_open_setsItAsideRecordsItAndContinuesTheChain() throws Exception {
    AuditRecord second;
    try (LocalFileAuditSink sink = LocalFileAuditSink.open(settings(dir, 1000, Clock.fixed(NOW, ZoneOffset.UTC)))) {
      sink.append(AuditEvents.toolEvent(NOW));
      second = sink.append(AuditEvents.toolEvent(NOW));
    }
    Path file = dir.resolve("2026/03/01.jsonl");
    String partial = "{\"correlationId\":\"half-writ";
    Files.writeString(file, partial, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

    try (LocalFileAuditSink sink = LocalFileAuditSink.open(settings(dir, 1000, Clock.fixed(NOW, ZoneOffset.UTC)))) {
      List<AuditRecord> records = sink.query(everything());
      assertThat(records).hasSize(3);
      AuditRecord torn = records.get(2);
      assertThat(torn.event().eventType()).isEqualTo("system.audit.torn_line");
      assertThat(torn.previousHash()).isEqualTo(second.hash());
      assertThat(torn.event().summary()).containsEntry("keptIn", "2026/03/01.jsonl.torn").containsEntry("length", Integer.toString(partial.length()));
    }
    assertThat(Files.readString(dir.resolve("2026/03/01.jsonl.torn"))).isEqualTo(partial + "\n");
    LocalVerificationReport report = new LocalAuditVerifier(dir, LocalAuditVerifier.trustedKeysOf(dir)).verify(Optional.empty(), Optional.empty());
    assertThat(report.intact()).isTrue();
    assertThat(report.tornFiles()).containsExactly("2026/03/01.jsonl.torn");
  }

  @Test
  void givenClosedSink_append_isRefused() {
    LocalFileAuditSink sink = LocalFileAuditSink.open(settings(dir, 10, Clock.systemUTC()));
    sink.close();

    assertThatThrownBy(() -> sink.append(AuditEvents.toolEvent(NOW))).isInstanceOf(BackendUnavailableException.class);
  }

  /** A clock tests can move. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant next) {
      now = next;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
