package io.mcpbridge.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a worker tells the API about one attempt of a job: it started, made progress, or ended.
 * The API is the only writer of the registry and the audit trail; it applies reports with
 * compare-and-set transitions, so a report delivered twice changes nothing the second time.
 *
 * @param jobId the job
 * @param attempt the attempt of the message the worker ran
 * @param kind what happened
 * @param worker the reporting worker's id (host and process)
 * @param at when, by the worker's clock
 * @param progress simulated time / end time, for {@link Kind#PROGRESS}
 * @param failure why, for {@link Kind#FAILED}, {@link Kind#CANCELLED} and {@link Kind#TIMED_OUT}
 * @param result the result, for {@link Kind#SUCCEEDED} of a job that ran whole
 * @param chunk for a report of one chunk of a split job: which chunk, and for {@link Kind#SUCCEEDED}
 *     its output in the encoding of the chunk's kind
 */
public record WorkerReport(
    JobId jobId,
    int attempt,
    Kind kind,
    String worker,
    Instant at,
    Optional<JobEvent.Progress> progress,
    Optional<JobFailure> failure,
    Optional<SimulationResult> result,
    Optional<ChunkReport> chunk) {

  /** Kinds of report. */
  public enum Kind {
    STARTED,
    PROGRESS,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    TIMED_OUT;

    /** True for reports that end an attempt. */
    public boolean endsAttempt() {
      return this != STARTED && this != PROGRESS;
    }
  }

  public WorkerReport {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(chunk, "chunk");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt starts at 1");
    }
    if (kind == Kind.SUCCEEDED && result.isEmpty() && chunk.isEmpty()) {
      throw new IllegalArgumentException("a succeeded report carries the result");
    }
    if ((kind == Kind.FAILED || kind == Kind.CANCELLED || kind == Kind.TIMED_OUT) && failure.isEmpty()) {
      throw new IllegalArgumentException("a " + kind + " report carries the failure");
    }
  }

  /** A report of a job that ran whole. */
  public WorkerReport(JobId jobId, int attempt, Kind kind, String worker, Instant at,
      Optional<JobEvent.Progress> progress, Optional<JobFailure> failure, Optional<SimulationResult> result) {
    this(jobId, attempt, kind, worker, at, progress, failure, result, Optional.empty());
  }

  /** This report as one of chunk {@code position}, with the chunk's output (empty unless it succeeded). */
  public WorkerReport ofChunk(JobMessage.Chunk position, byte[] output) {
    return new WorkerReport(jobId, attempt, kind, worker, at, progress, failure, result,
        Optional.of(new ChunkReport(position.index(), position.count(), output)));
  }

  /**
   * Which chunk of a split job a report is about.
   *
   * @param index 0-based position of the chunk
   * @param count chunks of the job
   * @param output the chunk's output (empty unless the report says it succeeded)
   */
  public record ChunkReport(int index, int count, byte[] output) {
    public ChunkReport {
      if (count < 1 || index < 0 || index >= count) {
        throw new IllegalArgumentException("chunk index must be in [0, count)");
      }
      Objects.requireNonNull(output, "output");
    }
  }

  /** A report without payload. */
  public static WorkerReport started(JobId id, int attempt, String worker, Instant at) {
    return new WorkerReport(id, attempt, Kind.STARTED, worker, at, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A progress report. */
  public static WorkerReport progress(JobId id, int attempt, String worker, Instant at, JobEvent.Progress progress) {
    return new WorkerReport(id, attempt, Kind.PROGRESS, worker, at, Optional.of(progress), Optional.empty(),
        Optional.empty());
  }

  /** A succeeded report. */
  public static WorkerReport succeeded(JobId id, int attempt, String worker, Instant at, SimulationResult result) {
    return new WorkerReport(id, attempt, Kind.SUCCEEDED, worker, at, Optional.empty(), Optional.empty(),
        Optional.of(result));
  }

  /** A report that ends an attempt without a result. */
  public static WorkerReport ended(JobId id, int attempt, Kind kind, String worker, Instant at, JobFailure failure) {
    return new WorkerReport(id, attempt, kind, worker, at, Optional.empty(), Optional.of(failure), Optional.empty());
  }
}
