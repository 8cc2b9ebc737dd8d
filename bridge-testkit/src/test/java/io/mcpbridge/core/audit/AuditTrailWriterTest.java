package io.mcpbridge.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.testkit.AuditEvents;
import io.mcpbridge.testkit.RecordingMetrics;
import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The one group-commit writer over a storage kept in memory: batching, failure, recovery, metrics. */
class AuditTrailWriterTest {
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final MemoryStorage storage = new MemoryStorage();

  @Test
  void appendsAreChainedStoredAndMeasured() throws Exception {
    AuditTrailWriter writer = open(Duration.ZERO);
    AuditRecord first = writer.append(AuditEvents.event("tool.a", "corr", java.time.Instant.now()));
    AuditRecord second = writer.append(AuditEvents.event("tool.b", "corr", java.time.Instant.now()));
    writer.close();

    assertThat(first.sequence()).isEqualTo(1);
    assertThat(second.sequence()).isEqualTo(2);
    assertThat(second.previousHash()).isEqualTo(first.hash());
    assertThat(storage.records).extracting(AuditRecord::sequence).containsExactly(1L, 2L);
    assertThat(storage.checkpoints).extracting(c -> c.checkpoint().kind())
        .containsExactly(AuditCheckpoint.Kind.OPEN, AuditCheckpoint.Kind.CLOSE);
    assertThat(metrics.events()).containsExactly("audit appended 1", "audit appended 1");
    assertThat(metrics.auditHealthy().getAsBoolean()).isTrue();
    assertThat(storage.released).isTrue();
  }

  @Test
  void aFailedWriteIsRefusedCountedAndReportedUntilAWriteSucceedsAfterRecovery() {
    AuditTrailWriter writer = open(Duration.ZERO);
    writer.append(AuditEvents.event("tool.a", "corr", java.time.Instant.now()));
    storage.failNextWrites = 1;

    assertThatThrownBy(() -> writer.append(AuditEvents.event("tool.b", "corr", java.time.Instant.now())))
        .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("disk gone");
    assertThat(writer.healthy()).isFalse();
    assertThat(metrics.auditHealthy().getAsBoolean()).isFalse();

    AuditRecord after = writer.append(AuditEvents.event("tool.c", "corr", java.time.Instant.now()));
    writer.close();

    assertThat(after.sequence()).isEqualTo(2);
    assertThat(storage.recoveries).isEqualTo(2); // on open, and before the write after the failure
    assertThat(writer.healthy()).isTrue();
    assertThat(metrics.events()).containsExactly("audit appended 1", "audit failed 1", "audit appended 1");
  }

  @Test
  void whileTheStorageIsSlowTheBacklogGrowsAndOneWriteTakesTheWholeBurst() throws Exception {
    AuditTrailWriter writer = open(Duration.ofMillis(5));
    writer.append(AuditEvents.event("tool.warm_up", "corr", java.time.Instant.now()));
    CountDownLatch release = new CountDownLatch(1);
    storage.gate = release;
    writer.appendLater(AuditEvents.event("tool.held", "corr", java.time.Instant.now())); // the writer thread blocks inside this write
    awaitTrue(() -> storage.writing);
    for (int i = 0; i < 20; i++) {
      writer.appendLater(AuditEvents.event("tool.burst_" + i, "corr", java.time.Instant.now()));
    }
    assertThat(metrics.auditBacklog().getAsLong()).isEqualTo(20);
    release.countDown();
    writer.close();

    assertThat(metrics.auditBacklog().getAsLong()).isZero();
    assertThat(storage.records).hasSize(22);
    assertThat(storage.batches).containsExactly(1, 1, 20);
    assertThat(metrics.events()).containsExactly("audit appended 1", "audit appended 1", "audit appended 20");
  }

  private AuditTrailWriter open(Duration batchWait) {
    KeyPair keys;
    try {
      keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return AuditTrailWriter.open(storage, keys.getPrivate(),
        new AuditTrailWriter.Settings(1000, Duration.ofHours(1), 100, batchWait, Clock.systemUTC()), metrics, "test-writer");
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in 10 s");
      }
      Thread.sleep(5);
    }
  }

  /** Keeps the chain in lists; can fail or hold writes on request. */
  private static final class MemoryStorage implements AuditStorage {
    final List<AuditRecord> records = new ArrayList<>();
    final List<SignedCheckpoint> checkpoints = new ArrayList<>();
    final List<Integer> batches = new ArrayList<>();
    volatile int failNextWrites;
    volatile CountDownLatch gate;
    volatile boolean writing;
    int recoveries;
    boolean released;

    @Override
    public Recovery recover(boolean afterFailure) {
      recoveries++;
      AuditRecord last = records.isEmpty() ? null : records.get(records.size() - 1);
      return new Recovery(last == null ? AuditChain.resumeAt(0, AuditChain.GENESIS_HASH)
          : AuditChain.resumeAt(last.sequence(), last.hash()), List.of());
    }

    @Override
    public boolean needsCheckpointBeforeBatch() {
      return false;
    }

    @Override
    public void storeRecords(List<AuditRecord> batch, byte[] lines) throws IOException {
      CountDownLatch held = gate;
      if (held != null) {
        gate = null;
        writing = true;
        try {
          held.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted");
        }
      }
      if (failNextWrites > 0) {
        failNextWrites--;
        throw new IOException("disk gone");
      }
      records.addAll(batch);
      batches.add(batch.size());
    }

    @Override
    public void storeCheckpoint(SignedCheckpoint checkpoint) {
      checkpoints.add(checkpoint);
    }

    @Override
    public String location() {
      return "memory";
    }

    @Override
    public void release() {
      released = true;
    }
  }
}
