package io.mcpbridge.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.config.AuditSettings.FailMode;
import org.junit.jupiter.api.Test;

class AuditFailModeTest {

  @Test
  void givenClosedModeAndFailedSink_mutatingActions_areRefused() {
    assertThat(FailMode.CLOSED.mutatingActionsMayProceed(false)).isFalse();
  }

  @Test
  void givenOpenModeAndFailedSink_mutatingActions_proceed() {
    assertThat(FailMode.OPEN.mutatingActionsMayProceed(false)).isTrue();
  }

  @Test
  void givenHealthySink_mutatingActions_proceedInEitherMode() {
    assertThat(FailMode.CLOSED.mutatingActionsMayProceed(true)).isTrue();
    assertThat(FailMode.OPEN.mutatingActionsMayProceed(true)).isTrue();
  }
}
