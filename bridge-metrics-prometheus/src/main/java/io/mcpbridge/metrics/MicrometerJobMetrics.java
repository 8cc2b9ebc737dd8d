package io.mcpbridge.metrics;

import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.port.JobMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;

/** Job submissions, starts, ends, retries, waits and run times; queued and running gauges. */
final class MicrometerJobMetrics implements JobMetrics {
  private final MeterRegistry registry;
  private final Counter submitted;
  private final Counter started;
  private final Counter deadLettered;
  private final Timer queueWait;
  private final Timer.Builder runDuration = Timer.builder("bridge.job.run.duration")
      .description("Time of a job's last attempt, by terminal state")
      .serviceLevelObjectives(Buckets.RUN);

  MicrometerJobMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.submitted = Counter.builder("bridge.jobs.submitted").description("New jobs accepted").register(registry);
    this.started = Counter.builder("bridge.jobs.started").description("Job attempts started").register(registry);
    this.deadLettered = Counter.builder("bridge.jobs.dead.lettered")
        .description("Job messages moved to the dead-letter queue").register(registry);
    this.queueWait = Timer.builder("bridge.job.queue.wait").description("Time a job waited before an attempt started")
        .serviceLevelObjectives(Buckets.QUEUE_WAIT).register(registry);
  }

  @Override
  public void submitted() {
    submitted.increment();
  }

  @Override
  public void started(Duration wait) {
    started.increment();
    queueWait.record(wait);
  }

  @Override
  public void finished(JobState state, String reason, Duration runTime) {
    String stateLabel = state.wireName();
    Counter.builder("bridge.jobs.finished").description("Jobs that reached a terminal state, by state and reason")
        .tags("state", stateLabel, "reason", reason).register(registry).increment();
    runDuration.tags("state", stateLabel).register(registry).record(runTime);
  }

  @Override
  public void retried(String reason) {
    Counter.builder("bridge.job.retries").description("Failed attempts queued again, by reason")
        .tags("reason", reason).register(registry).increment();
  }

  @Override
  public void deadLettered() {
    deadLettered.increment();
  }

  @Override
  public void observe(JobCounts counts) {
    for (JobState state : List.of(JobState.QUEUED, JobState.RUNNING)) {
      Gauge.builder("bridge.jobs.active", counts, c -> c.count(state))
          .description("Jobs queued or running now").tags("state", state.wireName())
          .strongReference(true).register(registry);
    }
  }
}
