package io.mcpbridge.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  /** Core cannot use the testkit (it depends on core); a minimal movable clock. */
  private static final class TestClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final TestClock clock = new TestClock();

  @Test
  void givenNRequestsInAMinute_tryAcquire_allowsThemAndRefusesTheNext() {
    RateLimiter limiter = new RateLimiter(5, clock);

    for (int i = 4; i >= 0; i--) {
      RateLimiter.Decision d = limiter.tryAcquire("alice");
      assertThat(d.allowed()).isTrue();
      assertThat(d.remaining()).isEqualTo(i);
    }
    RateLimiter.Decision refused = limiter.tryAcquire("alice");

    assertThat(refused.allowed()).isFalse();
    // 5 per minute = one every 12 s
    assertThat(refused.retryAfterSeconds()).isEqualTo(12);
  }

  @Test
  void givenOneKeyExhausted_tryAcquire_leavesOtherKeysAlone() {
    RateLimiter limiter = new RateLimiter(2, clock);
    limiter.tryAcquire("10.0.0.1");
    limiter.tryAcquire("10.0.0.1");

    assertThat(limiter.tryAcquire("10.0.0.1").allowed()).isFalse();
    assertThat(limiter.tryAcquire("10.0.0.2").allowed()).isTrue();
    assertThat(limiter.tryAcquire("bob").allowed()).isTrue();
  }

  @Test
  void givenTimePasses_tryAcquire_refillsContinuouslyUpToTheBurst() {
    RateLimiter limiter = new RateLimiter(60, clock);
    for (int i = 0; i < 60; i++) {
      assertThat(limiter.tryAcquire("k").allowed()).isTrue();
    }
    RateLimiter.Decision refused = limiter.tryAcquire("k");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);

    clock.advance(Duration.ofMillis(999));
    assertThat(limiter.tryAcquire("k").allowed()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(limiter.tryAcquire("k").allowed()).isTrue();
    assertThat(limiter.tryAcquire("k").allowed()).isFalse();

    clock.advance(Duration.ofHours(3));
    int allowed = 0;
    while (limiter.tryAcquire("k").allowed()) {
      allowed++;
    }
    assertThat(allowed).as("the burst never exceeds N").isEqualTo(60);
  }

  @Test
  void givenRetryAfter_waitingThatLong_isEnough() {
    RateLimiter limiter = new RateLimiter(7, clock);
    for (int i = 0; i < 7; i++) {
      limiter.tryAcquire("k");
    }
    RateLimiter.Decision refused = limiter.tryAcquire("k");

    clock.advance(Duration.ofSeconds(refused.retryAfterSeconds() - 1));
    assertThat(limiter.tryAcquire("k").allowed()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire("k").allowed()).isTrue();
  }

  @Test
  void givenManyIdleKeys_tryAcquire_evictsThemAndStaysBounded() {
    RateLimiter limiter = new RateLimiter(10, 100, clock);
    for (int i = 0; i < 100; i++) {
      limiter.tryAcquire("ip-" + i);
    }
    assertThat(limiter.trackedKeys()).isEqualTo(100);

    clock.advance(Duration.ofSeconds(61));
    limiter.tryAcquire("new-caller");

    assertThat(limiter.trackedKeys()).isEqualTo(1);
  }

  @Test
  void givenMoreActiveKeysThanTheBound_tryAcquire_dropsTheLeastRecentlyUsed() {
    RateLimiter limiter = new RateLimiter(1, 50, clock);
    for (int i = 0; i < 500; i++) {
      clock.advance(Duration.ofMillis(10));
      assertThat(limiter.tryAcquire("ip-" + i).allowed()).isTrue();
    }

    assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(50);
    assertThat(limiter.tryAcquire("ip-499").allowed()).as("recent keys keep their state").isFalse();
  }

  @Test
  void givenConcurrentCallers_tryAcquire_neverGrantsMoreThanN() throws Exception {
    RateLimiter limiter = new RateLimiter(100, clock);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        results.add(pool.submit(() -> limiter.tryAcquire("shared").allowed()));
      }
      int granted = 0;
      for (Future<Boolean> f : results) {
        granted += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(granted).isEqualTo(100);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void givenZeroPermits_constructor_refuses() {
    assertThatThrownBy(() -> new RateLimiter(0, clock)).isInstanceOf(IllegalArgumentException.class);
  }
}
