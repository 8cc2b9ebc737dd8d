package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.port.JobFollower;
import io.mcpbridge.testkit.InMemoryJobRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Following a job through the registry, woken by change notices or, for foreign writes, by the poll. */
class RegistryJobFollowerTest {
  private static final Duration NEVER = Duration.ofMinutes(10);

  private final InMemoryJobRegistry registry = new InMemoryJobRegistry();
  private final JobNotifier notifier = new JobNotifier();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final JobId id = JobId.random();
  private Job job;

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private void queued() {
    job = registry.createJob(Job.queued(id, "alice", new SimulationId("sim"), 1, 0, Duration.ofMinutes(1), now),
        Optional.empty());
  }

  private void running() {
    Job next = job.startedAttempt(now);
    assertThat(registry.updateJob(next, Set.of(JobState.QUEUED), Optional.empty())).isTrue();
    job = next;
  }

  private void progress(double t) {
    registry.appendEvent(id, JobEvent.Type.PROGRESS, JobState.RUNNING, Optional.of(new JobEvent.Progress(t, 10)),
        Optional.empty(), now);
  }

  private void succeeded() {
    Job next = job.succeeded(new ResultId("r-" + id.value()), now);
    assertThat(registry.updateJob(next, Set.of(JobState.RUNNING), Optional.empty())).isTrue();
    job = next;
  }

  private static List<Long> sequences(List<JobEvent> events) {
    return events.stream().map(JobEvent::sequence).toList();
  }

  @Test
  void awaitReturnsTheEventsAfterTheGivenSequenceUpToTheTerminalOne() throws Exception {
    queued();
    running();
    progress(5);
    succeeded();
    JobFollower follower = new RegistryJobFollower(registry, notifier);

    List<JobEvent> all = follower.await(id, 0, Duration.ZERO);
    assertThat(sequences(all)).containsExactly(1L, 2L, 3L, 4L);
    assertThat(JobFollower.isTerminal(all.get(3))).isTrue();
    assertThat(sequences(follower.await(id, 2, Duration.ZERO))).containsExactly(3L, 4L);
  }

  @Test
  void awaitTimesOutEmptyWhenNothingHappens() throws Exception {
    queued();
    JobFollower follower = new RegistryJobFollower(registry, notifier, Duration.ofMillis(20));

    assertThat(follower.await(id, 1, Duration.ofMillis(100))).isEmpty();
  }

  @Test
  void aNoticeWakesAWaiterLongBeforeThePoll() throws Exception {
    queued();
    JobFollower follower = new RegistryJobFollower(registry, notifier, NEVER);
    executor.schedule(() -> {
      running();
      notifier.changed(id);
    }, 100, TimeUnit.MILLISECONDS);

    // Without the notice this would wait for the ten-minute poll or the one-minute timeout.
    List<JobEvent> events = follower.await(id, 1, Duration.ofMinutes(1));

    assertThat(events).singleElement().satisfies(e -> assertThat(e.state()).isEqualTo(JobState.RUNNING));
  }

  @Test
  void thePollFindsEventsThatNobodyAnnounced() throws Exception {
    queued();
    JobFollower follower = new RegistryJobFollower(registry, notifier, Duration.ofMillis(50));
    // Written as another process would: into the registry, with no notice in this process.
    executor.schedule(this::running, 100, TimeUnit.MILLISECONDS);

    assertThat(sequences(follower.await(id, 1, Duration.ofMinutes(1)))).containsExactly(2L);
  }

  @Test
  void aSubscriberGetsEveryEventInOrderOnceThenTheEnd() throws Exception {
    queued();
    JobFollower follower = new RegistryJobFollower(registry, notifier, NEVER);
    Recorder recorder = new Recorder();
    follower.subscribe(id, 0, recorder, executor);
    running();
    notifier.changed(id);
    progress(2);
    progress(7);
    notifier.changed(id);
    succeeded();
    notifier.changed(id);

    assertThat(recorder.ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sequences(recorder.events)).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(recorder.failures).containsExactly(Optional.empty());
    // Nothing after the end, even if the job (wrongly) got more events and notices.
    progress(9);
    notifier.changed(id);
    executor.submit(() -> { }).get();
    assertThat(recorder.events).hasSize(5);
  }

  @Test
  void aSubscriberResumesAfterTheSequenceItLastSaw() throws Exception {
    queued();
    running();
    progress(3);
    succeeded();
    Recorder recorder = new Recorder();

    new RegistryJobFollower(registry, notifier, NEVER).subscribe(id, 2, recorder, executor);

    assertThat(recorder.ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sequences(recorder.events)).containsExactly(3L, 4L);
  }

  @Test
  void aFailingSubscriberEndsItsSubscriptionWithTheFailure() throws Exception {
    queued();
    running();
    succeeded();
    Recorder recorder = new Recorder();
    recorder.failOnSequence = 2;

    new RegistryJobFollower(registry, notifier, NEVER).subscribe(id, 0, recorder, executor);

    assertThat(recorder.ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sequences(recorder.events)).containsExactly(1L);
    assertThat(recorder.failures).singleElement().satisfies(f -> assertThat(f).get()
        .extracting(Throwable::getMessage).isEqualTo("client went away"));
  }

  @Test
  void closingASubscriptionStopsDeliveryWithoutAnEnd() throws Exception {
    queued();
    Recorder recorder = new Recorder();
    AutoCloseable subscription = new RegistryJobFollower(registry, notifier, Duration.ofMillis(20))
        .subscribe(id, 0, recorder, executor);
    executor.submit(() -> { }).get(); // the first drain has run
    assertThat(sequences(recorder.events)).containsExactly(1L);

    subscription.close();
    running();
    succeeded();
    notifier.changed(id);
    Thread.sleep(100); // several poll periods
    executor.submit(() -> { }).get();

    assertThat(sequences(recorder.events)).containsExactly(1L);
    assertThat(recorder.failures).isEmpty();
  }

  /** Records what a subscription delivered. */
  private static final class Recorder implements JobFollower.Subscriber {
    final List<JobEvent> events = new CopyOnWriteArrayList<>();
    final List<Optional<Exception>> failures = new CopyOnWriteArrayList<>();
    final CountDownLatch ended = new CountDownLatch(1);
    long failOnSequence = -1;

    @Override
    public void onEvent(JobEvent event) throws Exception {
      if (event.sequence() == failOnSequence) {
        throw new java.io.IOException("client went away");
      }
      events.add(event);
    }

    @Override
    public void onEnd(Optional<Exception> failure) {
      failures.add(failure);
      ended.countDown();
    }
  }
}
