package io.mcpbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.audit.AuditChain;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.core.port.AuditSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditSink} must do. Extend it and say how to open a sink on one store; opening
 * again must reach the same store (the chain continues).
 */
public abstract class AuditSinkContract {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private final List<AuditSink> opened = new ArrayList<>();

  /** Opens a sink on the store of this test (the same store on every call). */
  protected abstract AuditSink openSink();

  /** Whether closing and opening again reaches the same records (false for in-memory fakes). */
  protected boolean persistsAcrossReopen() {
    return true;
  }

  private AuditSink open() {
    AuditSink sink = openSink();
    opened.add(sink);
    return sink;
  }

  @AfterEach
  void closeSinks() {
    opened.forEach(AuditSink::close);
  }

  private static AuditQuery all() {
    return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 1000);
  }

  private static void assertOneGapFreeChain(List<AuditRecord> records) {
    String previous = AuditChain.GENESIS_HASH;
    for (int i = 0; i < records.size(); i++) {
      AuditRecord r = records.get(i);
      assertThat(r.sequence()).as("sequence at index %d", i).isEqualTo(i + 1L);
      assertThat(r.previousHash()).as("link of sequence %d", r.sequence()).isEqualTo(previous);
      assertThat(r.hash()).isEqualTo(AuditChain.hashOf(r.event(), r.sequence(), r.previousHash()));
      previous = r.hash();
    }
  }

  @Test
  void givenAppendedEvents_query_returnsThemInChainOrderWithLinks() {
    AuditSink sink = open();
    List<AuditEvent> events = List.of(AuditEvents.toolEvent(T0), AuditEvents.toolEvent(T0.plusSeconds(1)), AuditEvents.toolEvent(T0.plusSeconds(2)));

    List<AuditRecord> acknowledged = events.stream().map(sink::append).toList();

    List<AuditRecord> stored = sink.query(all());
    assertThat(stored).isEqualTo(acknowledged);
    assertThat(stored).extracting(AuditRecord::event).isEqualTo(events);
    assertOneGapFreeChain(stored);
    assertThat(sink.healthy()).isTrue();
  }

  @Test
  void givenMixedEvents_query_filtersByTypePrefixCorrelationTimeAndPages() {
    AuditSink sink = open();
    sink.append(AuditEvents.event("tool.run_simulation", "c-1", T0));
    sink.append(AuditEvents.event("job.simulation.queued", "c-1", T0.plusSeconds(10)));
    sink.append(AuditEvents.event("tool.set_parameter_value", "c-2", T0.plusSeconds(20)));
    sink.append(AuditEvents.event("tool.run_simulation", "c-3", T0.plusSeconds(30)));

    assertThat(sink.query(new AuditQuery(Optional.of("tool."), Optional.empty(), Optional.empty(), Optional.empty(), 0, 10)))
        .extracting(r -> r.event().correlationId()).containsExactly("c-1", "c-2", "c-3");
    assertThat(sink.query(new AuditQuery(Optional.empty(), Optional.of("c-1"), Optional.empty(), Optional.empty(), 0, 10)))
        .extracting(AuditRecord::sequence).containsExactly(1L, 2L);
    assertThat(sink.query(new AuditQuery(Optional.empty(), Optional.empty(), Optional.of(T0.plusSeconds(10)), Optional.of(T0.plusSeconds(30)), 0, 10)))
        .extracting(AuditRecord::sequence).containsExactly(2L, 3L);
    assertThat(sink.query(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1, 2)))
        .extracting(AuditRecord::sequence).containsExactly(2L, 3L);
  }

  @Test
  void givenManyThreadsAppending_everyAcknowledgedEvent_isInOneGapFreeChain() throws Exception {
    AuditSink sink = open();
    int threads = 8;
    int perThread = 100;
    ConcurrentLinkedQueue<AuditRecord> acknowledged = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            acknowledged.add(sink.append(AuditEvents.toolEvent(T0.plusMillis(i))));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<AuditRecord> stored = sink.query(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 1000));
    assertThat(stored).hasSize(threads * perThread).containsExactlyInAnyOrderElementsOf(acknowledged);
    assertOneGapFreeChain(stored);
  }

  @Test
  void givenEventsQueuedWithAppendLater_theyJoinTheChainInOrderBeforeLaterAppendsAreAcknowledged() {
    AuditSink sink = open();
    AuditEvent e0 = AuditEvents.toolEvent(T0);
    AuditEvent e1 = AuditEvents.toolEvent(T0.plusSeconds(1));
    AuditEvent e2 = AuditEvents.toolEvent(T0.plusSeconds(2));
    AuditEvent e3 = AuditEvents.toolEvent(T0.plusSeconds(3));

    sink.appendLater(e0);
    sink.append(e1);
    sink.appendLater(e2);
    AuditRecord last = sink.append(e3);

    List<AuditRecord> stored = sink.query(all());
    assertThat(stored).extracting(AuditRecord::event).containsExactly(e0, e1, e2, e3);
    assertThat(last.sequence()).isEqualTo(4);
    assertOneGapFreeChain(stored);
  }

  @Test
  void givenClosedSink_reopening_continuesTheSameChain() {
    if (!persistsAcrossReopen()) {
      return;
    }
    AuditSink first = open();
    AuditRecord one = first.append(AuditEvents.toolEvent(T0));
    AuditRecord two = first.append(AuditEvents.toolEvent(T0.plusSeconds(1)));
    first.close();

    AuditSink second = open();
    AuditRecord three = second.append(AuditEvents.toolEvent(T0.plusSeconds(2)));

    assertThat(three.sequence()).isEqualTo(3);
    assertThat(three.previousHash()).isEqualTo(two.hash());
    List<AuditRecord> stored = second.query(all());
    assertThat(stored).containsExactly(one, two, three);
    assertOneGapFreeChain(stored);
  }
}
