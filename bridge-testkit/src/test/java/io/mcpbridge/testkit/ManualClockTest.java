package io.mcpbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  @Test
  void givenClock_advance_movesOnlyWhenTold() {
    ManualClock clock = new ManualClock(Instant.parse("2026-05-01T10:00:00Z"));

    assertThat(clock.instant()).isEqualTo(clock.instant());
    assertThat(clock.advance(Duration.ofMillis(1500))).isEqualTo(Instant.parse("2026-05-01T10:00:01.500Z"));
    assertThat(clock.millis()).isEqualTo(Instant.parse("2026-05-01T10:00:01.500Z").toEpochMilli());
  }

  @Test
  void givenZonedView_moveTheOriginal_theViewMovesToo() {
    ManualClock clock = ManualClock.atFixedStart();
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.set(Instant.parse("2030-01-01T00:00:00Z"));

    assertThat(paris.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }
}
