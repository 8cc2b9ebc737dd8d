package io.mcpbridge.testkit;

import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.port.AuditMetrics;
import io.mcpbridge.core.port.AuthMetrics;
import io.mcpbridge.core.port.EngineMetrics;
import io.mcpbridge.core.port.JobMetrics;
import io.mcpbridge.core.port.RequestMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Records every measurement as a line of text ({@code tool run_simulation rest ok none}), in order,
 * with durations kept apart, so tests can assert what was measured without a metrics library.
 * Thread-safe.
 */
public final class RecordingMetrics implements RequestMetrics, JobMetrics, EngineMetrics, AuditMetrics, AuthMetrics {
  private final List<String> events = new ArrayList<>();
  private final List<Duration> durations = new ArrayList<>();
  private volatile JobCounts jobCounts;
  private volatile BooleanSupplier auditHealthy;
  private volatile LongSupplier auditBacklog;

  private synchronized void add(String event, Duration duration) {
    events.add(event);
    durations.add(duration);
  }

  /** The measurements so far, in order. */
  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** The duration recorded with each measurement (zero where none applies), in order. */
  public synchronized List<Duration> durations() {
    return List.copyOf(durations);
  }

  /** The duration of the first measurement equal to {@code event}. */
  public synchronized Duration durationOf(String event) {
    int i = events.indexOf(event);
    if (i < 0) {
      throw new IllegalStateException("not measured: " + event + " in " + events);
    }
    return durations.get(i);
  }

  /** The registered job counts, or null. */
  public JobCounts jobCounts() {
    return jobCounts;
  }

  /** The registered audit health, or null. */
  public BooleanSupplier auditHealthy() {
    return auditHealthy;
  }

  /** The registered audit backlog, or null. */
  public LongSupplier auditBacklog() {
    return auditBacklog;
  }

  @Override
  public void toolCalled(String tool, String channel, String outcome, String error, Duration latency) {
    add("tool " + tool + " " + channel + " " + outcome + " " + error, latency);
  }

  @Override
  public void httpRequest(String method, String route, int status, Duration latency) {
    add("http " + method + " " + route + " " + status, latency);
  }

  @Override
  public void submitted() {
    add("job submitted", Duration.ZERO);
  }

  @Override
  public void started(Duration queueWait) {
    add("job started", queueWait);
  }

  @Override
  public void finished(JobState state, String reason, Duration runTime) {
    add("job finished " + state.wireName() + " " + reason, runTime);
  }

  @Override
  public void retried(String reason) {
    add("job retried " + reason, Duration.ZERO);
  }

  @Override
  public void deadLettered() {
    add("job dead-lettered", Duration.ZERO);
  }

  @Override
  public void observe(JobCounts counts) {
    this.jobCounts = counts;
  }

  @Override
  public void runCompleted(RunStatistics s) {
    add("engine run " + s.steps() + " steps " + s.rhsEvaluations() + " rhs " + s.jacobianEvaluations() + " jac",
        s.wallTime());
  }

  @Override
  public void runFailed(String reason) {
    add("engine failed " + reason, Duration.ZERO);
  }

  @Override
  public void appended(int records, Duration latency) {
    add("audit appended " + records, latency);
  }

  @Override
  public void appendFailed(int records) {
    add("audit failed " + records, Duration.ZERO);
  }

  @Override
  public void observe(BooleanSupplier healthy, LongSupplier backlog) {
    this.auditHealthy = healthy;
    this.auditBacklog = backlog;
  }

  @Override
  public void refused(Reason reason) {
    add("auth refused " + reason.label(), Duration.ZERO);
  }

  @Override
  public void rateLimited(String scope) {
    add("auth rate-limited " + scope, Duration.ZERO);
  }
}
