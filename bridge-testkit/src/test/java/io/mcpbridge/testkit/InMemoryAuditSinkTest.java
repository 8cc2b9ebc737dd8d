package io.mcpbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.port.AuditSink;
import java.time.Instant;

class InMemoryAuditSinkTest extends AuditSinkContract {
  private final InMemoryAuditSink sink = new InMemoryAuditSink();

  @Override
  protected AuditSink openSink() {
    return sink;
  }

  @Override
  protected boolean persistsAcrossReopen() {
    return false;
  }

  @org.junit.jupiter.api.Test
  void givenFailingStore_append_throwsAndReportsUnhealthyUntilItRecovers() {
    sink.failAppends(true);

    assertThatThrownBy(() -> sink.append(AuditEvents.toolEvent(Instant.EPOCH))).isInstanceOf(BackendUnavailableException.class);
    assertThat(sink.healthy()).isFalse();

    sink.failAppends(false);
    assertThat(sink.append(AuditEvents.toolEvent(Instant.EPOCH)).sequence()).isEqualTo(1);
    assertThat(sink.healthy()).isTrue();
  }
}
