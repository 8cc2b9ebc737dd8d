package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.error.RunCancelledException;
import io.mcpbridge.core.error.TimeoutException;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The outcome rules shared by in-process attempts and worker attempts: failures and progress records. */
class AttemptOutcomeTest {

  @Test
  void cancellationAndDeadlineEndTheJobWithoutRetry() {
    AttemptFailure cancelled = AttemptFailure.of(new RunCancelledException("stop"), Duration.ofSeconds(30), "");
    AttemptFailure late = AttemptFailure.of(new TimeoutException("late"), Duration.ofSeconds(30), "");

    assertThat(cancelled).isEqualTo(new AttemptFailure(JobState.CANCELLED,
        new JobFailure("Cancelled", "cancelled while running", false), false));
    assertThat(late.state()).isEqualTo(JobState.TIMED_OUT);
    assertThat(late.failure().message()).isEqualTo("exceeded its time limit of 30 s");
    assertThat(late.failure().retryable()).isFalse();
  }

  @Test
  void aProductErrorFailsWithItsCodeAndKeepsItsRetryability() {
    AttemptFailure unavailable = AttemptFailure.of(new BackendUnavailableException("disk gone"), Duration.ofSeconds(1), "");
    AttemptFailure missing = AttemptFailure.of(new NotFoundException("no model"), Duration.ofSeconds(1), "");

    assertThat(unavailable.state()).isEqualTo(JobState.FAILED);
    assertThat(unavailable.failure().retryable()).isTrue();
    assertThat(unavailable.failure().message()).isEqualTo("disk gone");
    assertThat(missing.failure().retryable()).isFalse();
    assertThat(missing.unexpected()).isFalse();
  }

  @Test
  void aDefectFailsWithoutItsMessageAndIsFlaggedForTheLog() {
    AttemptFailure bug = AttemptFailure.of(new IllegalStateException("secret internals"), Duration.ofSeconds(1),
        " on worker w1");

    assertThat(bug.state()).isEqualTo(JobState.FAILED);
    assertThat(bug.unexpected()).isTrue();
    assertThat(bug.failure().code()).isEqualTo("InternalError");
    assertThat(bug.failure().message()).isEqualTo("internal error while running on worker w1").doesNotContain("secret");
  }

  @Test
  void progressIsRecordedOnceAnIntervalInAndTheEndOnlyAfterEarlierProgress() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    List<double[]> seen = new ArrayList<>();
    List<JobEvent.Progress> recorded = new ArrayList<>();
    RunControl control = ThrottledProgress.around(new RunControl(() -> false, Optional.empty(),
        (done, total) -> seen.add(new double[] {done, total}), clock), clock, (at, p) -> recorded.add(p));

    control.progress().onProgress(1, 10); // too early: the caller sees it, nothing is recorded
    clock.advance(Duration.ofMillis(300));
    control.progress().onProgress(4, 10);
    clock.advance(Duration.ofMillis(100));
    control.progress().onProgress(5, 10); // within the interval of the last record
    control.progress().onProgress(12, 10); // past the end: capped, recorded once
    control.progress().onProgress(10, 10);

    assertThat(seen).hasSize(5);
    assertThat(seen.get(3)).containsExactly(10, 10);
    assertThat(recorded).containsExactly(new JobEvent.Progress(4, 10), new JobEvent.Progress(10, 10));
  }

  @Test
  void aRunThatEndsWithinTheFirstIntervalRecordsNoProgress() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    List<JobEvent.Progress> recorded = new ArrayList<>();
    RunControl control = ThrottledProgress.around(RunControl.unbounded(), clock, (at, p) -> recorded.add(p));

    control.progress().onProgress(5, 10);
    control.progress().onProgress(10, 10);

    assertThat(recorded).isEmpty();
  }
}
