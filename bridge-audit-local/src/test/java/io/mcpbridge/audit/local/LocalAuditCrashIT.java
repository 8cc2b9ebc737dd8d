package io.mcpbridge.audit.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.testkit.AuditEvents;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer killed with SIGKILL mid-burst loses nothing it acknowledged, and the chain carries on. */
class LocalAuditCrashIT {
  private static final int ACKS_BEFORE_KILL = 3000;
  @TempDir Path dir;

  @Test
  void givenWriterKilledMidBurst_reopen_keepsEveryAcknowledgedEventAndContinuesTheChain() throws Exception {
    Set<Long> acknowledged = runAndKill();
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

    LocalAuditSettings settings = new LocalAuditSettings(dir, 50, Duration.ofSeconds(1), Optional.empty(), true, Clock.systemUTC());
    try (LocalFileAuditSink sink = LocalFileAuditSink.open(settings)) {
      List<AuditRecord> stored = all(sink);
      Set<Long> storedSequences = new HashSet<>();
      stored.forEach(r -> storedSequences.add(r.sequence()));
      assertThat(storedSequences).containsAll(acknowledged);

      AuditRecord last = stored.get(stored.size() - 1);
      AuditRecord next = sink.append(AuditEvents.toolEvent(Instant.now()));
      assertThat(next.sequence()).isEqualTo(last.sequence() + 1);
      assertThat(next.previousHash()).isEqualTo(last.hash());
    }

    LocalVerificationReport report = new LocalAuditVerifier(dir, LocalAuditVerifier.trustedKeysOf(dir))
        .verify(Optional.empty(), Optional.empty());
    assertThat(report.intact()).as(report.firstFailure().map(f -> f.describe()).orElse("")).isTrue();
    assertThat(report.verdict().closedCleanly()).isTrue();
  }

  private Set<Long> runAndKill() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CrashingAppenderMain.class.getName(), dir.toString(), "8")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Set<Long> acknowledged = new HashSet<>();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line;
      // Stop reading and kill at once: the writer is still mid-burst, with batches in flight.
      while (acknowledged.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
        if (line.startsWith("ack ")) {
          acknowledged.add(Long.parseLong(line.substring(4)));
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    return acknowledged;
  }

  private static List<AuditRecord> all(LocalFileAuditSink sink) {
    List<AuditRecord> records = new ArrayList<>();
    long after = 0;
    while (true) {
      List<AuditRecord> page = sink.query(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), after, 1000));
      if (page.isEmpty()) {
        return records;
      }
      records.addAll(page);
      after = page.get(page.size() - 1).sequence();
    }
  }
}
