package io.mcpbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.ConflictException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.IdempotencyKey;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobKind;
import io.mcpbridge.core.model.JobOutput;
import io.mcpbridge.core.model.JobRequest;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.StoredResult;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.port.JobRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link JobRegistry} that every implementation must obey. An implementation's test
 * extends this class and supplies a fresh, empty registry.
 */
public abstract class JobRegistryContract {
  private static final int THREADS = 12;
  private static final Set<JobState> TERMINAL =
      EnumSet.of(JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED, JobState.TIMED_OUT);

  /** Time with nanoseconds, so that a store which rounds instants fails the round-trip tests. */
  protected final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:15:30.123456789Z"));
  protected JobRegistry registry;

  /** A new, empty registry; closed after each test. */
  protected abstract JobRegistry createRegistry();

  @BeforeEach
  void openRegistry() {
    registry = createRegistry();
  }

  @AfterEach
  void closeRegistry() {
    registry.close();
  }

  // --- simulations ---------------------------------------------------------------------------

  @Test
  void givenJobsOfSeveralOwners_jobsOwnedBy_listsOnlyThatOwnersNewestFirstUpToTheLimit() {
    Job first = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty());
    registry.createJob(JobFixtures.aQueuedJob("bob", clock.instant().plusSeconds(1)), Optional.empty());
    Job second = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant().plusSeconds(2)), Optional.empty());
    Job third = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant().plusSeconds(3)), Optional.empty());

    assertThat(registry.jobsOwnedBy("alice", 10)).extracting(Job::id).containsExactly(third.id(), second.id(), first.id());
    assertThat(registry.jobsOwnedBy("alice", 2)).extracting(Job::id).containsExactly(third.id(), second.id());
    assertThat(registry.jobsOwnedBy("carol", 10)).isEmpty();
    assertThatThrownBy(() -> registry.jobsOwnedBy("alice", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenSavedRevision_findByRevision_returnsEqualSimulation() {
    StoredSimulation saved = JobFixtures.aSimulation(SimulationId.random(), 1, "alice", clock.instant());
    registry.saveSimulation(saved);

    assertThat(registry.findSimulation(saved.id(), 1)).contains(saved);
  }

  @Test
  void givenSeveralRevisions_findLatest_returnsHighestRevision() {
    SimulationId id = SimulationId.random();
    registry.saveSimulation(JobFixtures.aSimulation(id, 1, "alice", clock.instant()));
    registry.saveSimulation(JobFixtures.aSimulation(id, 3, "alice", clock.advance(Duration.ofSeconds(2))));
    registry.saveSimulation(JobFixtures.aSimulation(id, 2, "alice", clock.advance(Duration.ofSeconds(1))));

    assertThat(registry.findSimulation(id)).map(StoredSimulation::revision).contains(3);
    assertThat(registry.findSimulation(id, 2)).map(StoredSimulation::revision).contains(2);
  }

  @Test
  void givenExistingRevision_saveItAgain_throwsConflictAndKeepsTheFirst() {
    StoredSimulation first = JobFixtures.aSimulation(SimulationId.random(), 1, "alice", clock.instant());
    registry.saveSimulation(first);
    StoredSimulation second = new StoredSimulation(first.id(), 1, first.spec(), "bob", clock.instant());

    assertThatThrownBy(() -> registry.saveSimulation(second)).isInstanceOf(ConflictException.class);
    assertThat(registry.findSimulation(first.id(), 1)).contains(first);
  }

  @Test
  void givenUnknownSimulationOrRevision_find_returnsEmpty() {
    StoredSimulation saved = JobFixtures.aSimulation(SimulationId.random(), 1, "alice", clock.instant());
    registry.saveSimulation(saved);

    assertThat(registry.findSimulation(SimulationId.random())).isEmpty();
    assertThat(registry.findSimulation(saved.id(), 2)).isEmpty();
  }

  // --- creating jobs and idempotency ---------------------------------------------------------

  @Test
  void givenNewJob_create_storesItWithOneQueuedStateEvent() {
    Job job = JobFixtures.aQueuedJob("alice", clock.instant());

    Job stored = registry.createJob(job, Optional.empty());

    assertThat(stored).isEqualTo(job);
    assertThat(registry.findJob(job.id())).contains(job);
    assertThat(registry.events(job.id(), 0)).containsExactly(new JobEvent(job.id(), 1, job.createdAt(),
        JobEvent.Type.STATE, JobState.QUEUED, Optional.empty(), Optional.empty()));
  }

  @Test
  void givenJobThatIsNotQueued_create_isRefused() {
    Job running = JobFixtures.aQueuedJob("alice", clock.instant()).startedAttempt(clock.instant());

    assertThatThrownBy(() -> registry.createJob(running, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(registry.findJob(running.id())).isEmpty();
  }

  @Test
  void givenExistingJobId_createWithoutKey_throwsConflict() {
    Job job = JobFixtures.aQueuedJob("alice", clock.instant());
    registry.createJob(job, Optional.empty());

    assertThatThrownBy(() -> registry.createJob(job, Optional.empty())).isInstanceOf(ConflictException.class);
    assertThat(registry.events(job.id(), 0)).hasSize(1);
  }

  @Test
  void givenUsedKey_createWithSameKeyAndArguments_returnsTheEarlierJobInItsCurrentState() {
    IdempotencyKey key = JobFixtures.aKey("alice", "run-1", "{\"simulationId\":\"s\"}");
    Job first = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.of(key));
    Job running = first.startedAttempt(clock.advance(Duration.ofSeconds(1)));
    registry.updateJob(running, Set.of(JobState.QUEUED), Optional.empty());
    Job second = JobFixtures.aQueuedJob("alice", clock.instant());

    Job stored = registry.createJob(second, Optional.of(key));

    assertThat(stored).isEqualTo(running);
    assertThat(registry.findJob(second.id())).isEmpty();
  }

  @Test
  void givenUsedKey_createWithSameKeyOtherArguments_throwsConflictAndStoresNothing() {
    registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()),
        Optional.of(JobFixtures.aKey("alice", "run-1", "{\"a\":1}")));
    Job other = JobFixtures.aQueuedJob("alice", clock.instant());

    assertThatThrownBy(() -> registry.createJob(other,
        Optional.of(JobFixtures.aKey("alice", "run-1", "{\"a\":2}"))))
        .isInstanceOf(ConflictException.class);
    assertThat(registry.findJob(other.id())).isEmpty();
    assertThat(registry.events(other.id(), 0)).isEmpty();
  }

  @Test
  void givenKeyUsedByAnotherOwner_createWithSameKey_createsAnIndependentJob() {
    Job alices = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()),
        Optional.of(JobFixtures.aKey("alice", "run-1", "{\"a\":1}")));
    Job bobs = JobFixtures.aQueuedJob("bob", clock.instant());

    Job stored = registry.createJob(bobs, Optional.of(JobFixtures.aKey("bob", "run-1", "{\"a\":2}")));

    assertThat(stored).isEqualTo(bobs);
    assertThat(registry.findJob(alices.id())).contains(alices);
  }

  @Test
  void givenManyThreads_submitTheSameKeyAtOnce_exactlyOneJobIsCreated() throws Exception {
    IdempotencyKey key = JobFixtures.aKey("alice", "burst", "{\"a\":1}");
    List<Job> candidates = new ArrayList<>();
    for (int i = 0; i < THREADS * 2; i++) {
      candidates.add(JobFixtures.aQueuedJob("alice", clock.instant()));
    }

    List<Job> stored = runConcurrently(candidates.stream()
        .<Callable<Job>>map(job -> () -> registry.createJob(job, Optional.of(key))).toList());

    assertThat(stored.stream().map(Job::id).distinct()).hasSize(1);
    assertThat(registry.jobsInStates(Set.of(JobState.QUEUED))).containsExactly(stored.get(0));
    assertThat(registry.events(stored.get(0).id(), 0)).hasSize(1);
  }

  // --- compare-and-set updates --------------------------------------------------------------

  @Test
  void givenQueuedJob_updateExpectingQueued_replacesItAndAppendsAStateEventWithTheMessage() {
    Job job = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty());
    Job failed = job.startedAttempt(clock.advance(Duration.ofMillis(5)))
        .withFailure(JobState.FAILED, new JobFailure("InteropError", "solver diverged", true),
            clock.advance(Duration.ofMillis(7)));

    boolean replaced = registry.updateJob(failed, Set.of(JobState.QUEUED), Optional.of("solver diverged"));

    assertThat(replaced).isTrue();
    assertThat(registry.findJob(job.id())).contains(failed);
    assertThat(registry.events(job.id(), 1)).containsExactly(new JobEvent(job.id(), 2, failed.updatedAt(),
        JobEvent.Type.STATE, JobState.FAILED, Optional.empty(), Optional.of("solver diverged")));
  }

  @Test
  void givenQueuedJob_updateExpectingOtherStates_returnsFalseAndChangesNothing() {
    Job job = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty());

    boolean replaced = registry.updateJob(job.succeeded(ResultId.random(), clock.instant()),
        EnumSet.of(JobState.RUNNING, JobState.FAILED), Optional.empty());

    assertThat(replaced).isFalse();
    assertThat(registry.findJob(job.id())).contains(job);
    assertThat(registry.events(job.id(), 0)).hasSize(1);
  }

  @Test
  void givenUpdateThatKeepsTheState_update_replacesWithoutAnEvent() {
    Job job = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty());
    Job cancelAsked = job.withCancelRequested(clock.advance(Duration.ofSeconds(1)));

    assertThat(registry.updateJob(cancelAsked, Set.of(JobState.QUEUED), Optional.of("ignored"))).isTrue();

    assertThat(registry.findJob(job.id())).map(Job::cancelRequested).contains(true);
    assertThat(registry.events(job.id(), 0)).hasSize(1);
  }

  @Test
  void givenRecordedCancellation_updateFromAStaleCopy_keepsTheCancellationRequest() {
    Job job = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty());
    Job running = job.startedAttempt(clock.advance(Duration.ofMillis(1)));
    registry.updateJob(running, Set.of(JobState.QUEUED), Optional.empty());
    registry.updateJob(running.withCancelRequested(clock.advance(Duration.ofMillis(1))), Set.of(JobState.RUNNING),
        Optional.empty());

    // A worker that read the job before the cancellation now writes its outcome.
    boolean replaced = registry.updateJob(running.withState(JobState.FAILED, clock.advance(Duration.ofMillis(1))),
        Set.of(JobState.RUNNING), Optional.empty());

    assertThat(replaced).isTrue();
    assertThat(registry.findJob(job.id()).orElseThrow().cancelRequested()).isTrue();
  }

  @Test
  void givenUnknownJob_update_throwsNotFound() {
    Job stranger = JobFixtures.aQueuedJob("alice", clock.instant());

    assertThatThrownBy(() -> registry.updateJob(stranger, Set.of(JobState.QUEUED), Optional.empty()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void givenSucceededJob_readBack_keepsEveryField() {
    Job job = registry.createJob(new Job(JobId.random(), "alice", SimulationId.random(), 4, JobState.QUEUED, 0, 3,
        Duration.ofSeconds(90, 5), clock.instant(), clock.instant(), false, Optional.empty(), Optional.empty()),
        Optional.empty());
    Job done = job.startedAttempt(clock.advance(Duration.ofNanos(1)))
        .withFailure(JobState.QUEUED, new JobFailure("Timeout", "attempt 1 timed out", true), clock.instant())
        .withCancelRequested(clock.instant())
        .startedAttempt(clock.advance(Duration.ofMinutes(1)))
        .succeeded(ResultId.random(), clock.advance(Duration.ofMillis(1)));

    registry.updateJob(done, Set.of(JobState.QUEUED), Optional.empty());

    assertThat(registry.findJob(job.id())).contains(done);
  }

  @Test
  void givenManyThreads_claimTheSameQueuedJob_exactlyOneWins() throws Exception {
    Job job = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty());
    Job running = job.startedAttempt(clock.instant());

    List<Boolean> outcomes = runConcurrently(LongStream.range(0, THREADS * 2)
        .<Callable<Boolean>>mapToObj(i -> () -> registry.updateJob(running, Set.of(JobState.QUEUED), Optional.empty()))
        .toList());

    assertThat(outcomes).containsOnlyOnce(true);
    assertThat(registry.events(job.id(), 0)).extracting(JobEvent::state)
        .containsExactly(JobState.QUEUED, JobState.RUNNING);
  }

  // --- events -------------------------------------------------------------------------------

  @Test
  void givenProgressEvents_readAfterASequence_returnsTheLaterOnesInOrder() {
    Job job = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty());
    List<JobEvent> appended = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      appended.add(registry.appendEvent(job.id(), JobEvent.Type.PROGRESS, JobState.RUNNING,
          Optional.of(new JobEvent.Progress(i * 15.0, 60.0)), Optional.empty(), clock.advance(Duration.ofMillis(3))));
    }

    assertThat(appended).extracting(JobEvent::sequence).containsExactly(2L, 3L, 4L, 5L);
    assertThat(registry.events(job.id(), 3)).containsExactlyElementsOf(appended.subList(2, 4));
    assertThat(registry.events(job.id(), 5)).isEmpty();
  }

  @Test
  void givenManyThreads_appendEventsAndTransitions_sequencesAreGapFreeAndUnique() throws Exception {
    Job job = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty());
    int perThread = 40;
    List<Callable<Long>> writers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      writers.add(() -> {
        for (int i = 0; i < perThread; i++) {
          registry.appendEvent(job.id(), JobEvent.Type.PROGRESS, JobState.QUEUED,
              Optional.of(new JobEvent.Progress(i, perThread)), Optional.of("p"), clock.instant());
        }
        return 0L;
      });
    }
    writers.add(() -> {
      registry.updateJob(job.startedAttempt(clock.instant()), Set.of(JobState.QUEUED), Optional.empty());
      return 0L;
    });

    runConcurrently(writers);

    List<JobEvent> all = registry.events(job.id(), 0);
    long expected = 1L + (long) THREADS * perThread + 1;
    assertThat(all).extracting(JobEvent::sequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().toList());
    assertThat(all).filteredOn(e -> e.type() == JobEvent.Type.STATE).hasSize(2);
  }

  @Test
  void givenUnknownJob_appendEvent_throwsNotFound() {
    JobId stranger = JobId.random();

    assertThatThrownBy(() -> registry.appendEvent(stranger, JobEvent.Type.PROGRESS, JobState.RUNNING,
        Optional.empty(), Optional.empty(), clock.instant())).isInstanceOf(NotFoundException.class);
    assertThat(registry.events(stranger, 0)).isEmpty();
  }

  // --- queries ------------------------------------------------------------------------------

  @Test
  void givenJobsInVariousStates_jobsInStates_returnsExactlyThoseInTheGivenStates() {
    Job queued = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty());
    Job toRun = registry.createJob(JobFixtures.aQueuedJob("bob", clock.advance(Duration.ofSeconds(1))),
        Optional.empty());
    Job toFinish = registry.createJob(JobFixtures.aQueuedJob("carol", clock.advance(Duration.ofSeconds(1))),
        Optional.empty());
    Job running = toRun.startedAttempt(clock.instant());
    registry.updateJob(running, Set.of(JobState.QUEUED), Optional.empty());
    registry.updateJob(toFinish.withState(JobState.CANCELLED, clock.instant()), Set.of(JobState.QUEUED),
        Optional.empty());

    assertThat(registry.jobsInStates(EnumSet.of(JobState.QUEUED, JobState.RUNNING)))
        .containsExactlyInAnyOrder(queued, running);
    assertThat(registry.jobsInStates(Set.of(JobState.CANCELLED))).extracting(Job::id).containsExactly(toFinish.id());
    assertThat(registry.jobsInStates(Set.of())).isEmpty();
  }

  // --- results ------------------------------------------------------------------------------

  @Test
  void givenSavedResult_find_returnsBitExactSeriesAndMetadata() {
    Job job = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty());
    StoredResult saved = JobFixtures.aResult(job.id(), 1_001, clock.instant());

    registry.saveResult(saved);

    StoredResult found = registry.findResult(saved.id()).orElseThrow();
    assertSameResult(found, saved);
  }

  @Test
  void givenLargeResult_find_returnsEveryValue() {
    Job job = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty());
    StoredResult saved = JobFixtures.aResult(job.id(), 200_000, clock.instant());

    registry.saveResult(saved);

    assertSameResult(registry.findResult(saved.id()).orElseThrow(), saved);
  }

  @Test
  void givenResultWithoutSeries_find_returnsTheTimesOnly() {
    StoredResult full = JobFixtures.aResult(JobId.random(), 3, clock.instant());
    SimulationResult bare = new SimulationResult(full.result().model(), new double[0], List.of(),
        full.result().statistics());
    StoredResult saved = new StoredResult(ResultId.random(), full.jobId(), full.simulationId(), 1, bare,
        clock.instant());

    registry.saveResult(saved);

    assertSameResult(registry.findResult(saved.id()).orElseThrow(), saved);
  }

  @Test
  void givenExistingResultId_saveAgain_throwsConflict() {
    StoredResult saved = JobFixtures.aResult(JobId.random(), 10, clock.instant());
    registry.saveResult(saved);

    assertThatThrownBy(() -> registry.saveResult(saved)).isInstanceOf(ConflictException.class);
  }

  @Test
  void givenUnknownResult_find_returnsEmpty() {
    assertThat(registry.findResult(ResultId.random())).isEmpty();
  }

  // --- retention ----------------------------------------------------------------------------

  @Test
  void givenOldAndRecentJobs_purge_removesOnlyOldTerminalJobsWithTheirEventsResultsAndKeys() {
    IdempotencyKey oldKey = JobFixtures.aKey("alice", "old", "{\"a\":1}");
    Job oldDone = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.of(oldKey));
    Job oldQueued = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()),
        Optional.of(JobFixtures.aKey("alice", "waiting", "{\"a\":1}")));
    StoredResult oldResult = JobFixtures.aResult(oldDone.id(), 5, clock.instant());
    registry.saveResult(oldResult);
    registry.updateJob(oldDone.succeeded(oldResult.id(), clock.advance(Duration.ofMinutes(1))),
        Set.of(JobState.QUEUED), Optional.empty());
    Job recent = registry.createJob(JobFixtures.aQueuedJob("bob", clock.advance(Duration.ofDays(2))),
        Optional.empty());
    registry.updateJob(recent.withState(JobState.FAILED, clock.instant()), Set.of(JobState.QUEUED), Optional.empty());
    StoredResult recentResult = JobFixtures.aResult(recent.id(), 5, clock.instant());
    registry.saveResult(recentResult);

    int removed = registry.purgeFinishedBefore(clock.instant().minus(Duration.ofDays(1)));

    assertThat(removed).isEqualTo(1);
    assertThat(registry.findJob(oldDone.id())).isEmpty();
    assertThat(registry.events(oldDone.id(), 0)).isEmpty();
    assertThat(registry.findResult(oldResult.id())).isEmpty();
    assertThat(registry.findJob(oldQueued.id())).isPresent();
    assertThat(registry.findJob(recent.id())).isPresent();
    assertThat(registry.findResult(recentResult.id())).isPresent();
    // The purged key is free again: other arguments no longer conflict.
    Job reuse = JobFixtures.aQueuedJob("alice", clock.instant());
    assertThat(registry.createJob(reuse, Optional.of(JobFixtures.aKey("alice", "old", "{\"a\":2}")))).isEqualTo(reuse);
    // The key of the job that is still queued keeps protecting it.
    assertThatThrownBy(() -> registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()),
        Optional.of(JobFixtures.aKey("alice", "waiting", "{\"a\":2}")))).isInstanceOf(ConflictException.class);
  }

  @Test
  void givenTerminalJobUpdatedExactlyAtTheCutoff_purge_keepsIt() {
    Job job = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty());
    Job done = job.withState(JobState.TIMED_OUT, clock.advance(Duration.ofHours(1)));
    registry.updateJob(done, Set.of(JobState.QUEUED), Optional.empty());

    assertThat(registry.purgeFinishedBefore(done.updatedAt())).isZero();
    assertThat(registry.purgeFinishedBefore(done.updatedAt().plusNanos(1))).isEqualTo(1);
    assertThat(registry.jobsInStates(TERMINAL)).isEmpty();
  }

  // --- jobs of other kinds ----------------------------------------------------------------------

  @Test
  void givenJobWithRequest_create_storesBothAndAPlainJobHasNone() {
    JobRequest request = new JobRequest(JobKind.SENSITIVITY, "steps=2\nparameter=Organism%7Cp1\n");
    Job job = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty(), request);
    Job plain = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty());

    assertThat(registry.findJobRequest(job.id())).contains(request);
    assertThat(registry.findJobRequest(plain.id())).isEmpty();
    assertThat(registry.events(job.id(), 0)).hasSize(1);
  }

  @Test
  void givenUsedKey_createWithRequest_returnsTheEarlierJobWithItsOwnRequest() {
    IdempotencyKey key = JobFixtures.aKey("alice", "sa-1", "{\"a\":1}");
    JobRequest first = new JobRequest(JobKind.SENSITIVITY, "first");
    Job earlier = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.of(key), first);
    Job second = JobFixtures.aQueuedJob("alice", clock.instant());

    assertThat(registry.createJob(second, Optional.of(key), new JobRequest(JobKind.SENSITIVITY, "second")))
        .isEqualTo(earlier);
    assertThat(registry.findJobRequest(earlier.id())).contains(first);
    assertThat(registry.findJobRequest(second.id())).isEmpty();
  }

  @Test
  void givenJobOutput_saveAndFind_roundTripsAndRefusesADuplicate() {
    Job job = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty(),
        new JobRequest(JobKind.SENSITIVITY, "b"));
    JobOutput output = new JobOutput(ResultId.random(), job.id(), JobKind.SENSITIVITY,
        "\"QuantityPath\",\"Parameter\"\n\"Organism|A|µ\",\"p1\"\n", clock.instant());

    registry.saveJobOutput(output);

    assertThat(registry.findJobOutput(output.id())).contains(output);
    assertThat(registry.findJobOutput(ResultId.random())).isEmpty();
    assertThatThrownBy(() -> registry.saveJobOutput(output)).isInstanceOf(ConflictException.class);
  }

  @Test
  void givenOldFinishedJobWithRequestAndOutput_purge_removesThemToo() {
    Job job = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty(),
        new JobRequest(JobKind.SENSITIVITY, "b"));
    JobOutput output = new JobOutput(ResultId.random(), job.id(), JobKind.SENSITIVITY, "csv", clock.instant());
    registry.saveJobOutput(output);
    registry.updateJob(job.succeeded(output.id(), clock.advance(Duration.ofMinutes(1))), Set.of(JobState.QUEUED),
        Optional.empty());

    assertThat(registry.purgeFinishedBefore(clock.advance(Duration.ofDays(2)))).isEqualTo(1);
    assertThat(registry.findJobRequest(job.id())).isEmpty();
    assertThat(registry.findJobOutput(output.id())).isEmpty();
  }

  // --- helpers ------------------------------------------------------------------------------

  /** Asserts equal metadata and bit-identical arrays (NaN payloads and -0.0 included). */
  protected static void assertSameResult(StoredResult actual, StoredResult expected) {
    assertThat(actual.id()).isEqualTo(expected.id());
    assertThat(actual.jobId()).isEqualTo(expected.jobId());
    assertThat(actual.simulationId()).isEqualTo(expected.simulationId());
    assertThat(actual.revision()).isEqualTo(expected.revision());
    assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
    SimulationResult a = actual.result();
    SimulationResult e = expected.result();
    assertThat(a.model()).isEqualTo(e.model());
    assertThat(a.statistics()).isEqualTo(e.statistics());
    assertThat(bits(a.times())).isEqualTo(bits(e.times()));
    assertThat(a.series()).hasSameSizeAs(e.series());
    for (int i = 0; i < e.series().size(); i++) {
      TimeSeries as = a.series().get(i);
      TimeSeries es = e.series().get(i);
      assertThat(as.path()).isEqualTo(es.path());
      assertThat(as.dimension()).isEqualTo(es.dimension());
      assertThat(bits(as.values())).isEqualTo(bits(es.values()));
    }
  }

  private static long[] bits(double[] values) {
    return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  /** Runs the tasks on many threads released at once, and returns their results in task order. */
  protected static <T> List<T> runConcurrently(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(30, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
