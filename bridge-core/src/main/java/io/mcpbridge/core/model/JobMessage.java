package io.mcpbridge.core.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a worker in another process needs to run one attempt of a job, and nothing it could only
 * read from the API's registry. Immutable; encoded by {@code io.mcpbridge.core.jobs.JobMessageCodec}
 * (format described in {@code docs/jobs-wire-format.md}).
 *
 * @param jobId the job
 * @param attempt the attempt this message runs (1 for the first); reports carry it back so the API
 *     can tell a late report of an earlier attempt from one of the current attempt
 * @param simulationId the simulation (for logs and audit; the worker runs {@code spec})
 * @param revision the revision of the simulation that {@code spec} is
 * @param spec the immutable spec: model path and SHA-256, ordered overrides, outputs, grid, solver
 * @param timeout the attempt's time limit; the deadline is the worker's start time plus this
 * @param correlationId ties logs and audit records of all processes to the request that submitted it
 * @param chunk which part of a split job this message runs; empty for a job that runs whole
 * @param work the chunk's own slice of the job (e.g. a range of a population's individuals with
 *     their values), so a worker needs nothing but the message; empty for a job that runs whole
 */
public record JobMessage(
    JobId jobId,
    int attempt,
    SimulationId simulationId,
    int revision,
    SimulationSpec spec,
    Duration timeout,
    String correlationId,
    Optional<Chunk> chunk,
    Optional<ChunkWork> work) {

  /** Version of the wire format of messages that run a whole job. */
  public static final int FORMAT_VERSION = 1;
  /** Version of the wire format of chunk messages (version 1 plus the {@code work} field). */
  public static final int CHUNKED_FORMAT_VERSION = 2;

  public JobMessage {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(simulationId, "simulationId");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(chunk, "chunk");
    Objects.requireNonNull(work, "work");
    if (work.isPresent() && chunk.isEmpty()) {
      throw new IllegalArgumentException("only a chunk message carries chunk work");
    }
    if (attempt < 1 || revision < 1) {
      throw new IllegalArgumentException("attempt and revision start at 1");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  /** A message that runs a whole job, or a chunk described by its spec alone. */
  public JobMessage(JobId jobId, int attempt, SimulationId simulationId, int revision, SimulationSpec spec,
      Duration timeout, String correlationId, Optional<Chunk> chunk) {
    this(jobId, attempt, simulationId, revision, spec, timeout, correlationId, chunk, Optional.empty());
  }

  /** The same message with another correlation id (the one of the request that submitted it). */
  public JobMessage withCorrelationId(String newCorrelationId) {
    return new JobMessage(jobId, attempt, simulationId, revision, spec, timeout, newCorrelationId, chunk, work);
  }

  /** The same message with another time limit. */
  public JobMessage withTimeout(Duration newTimeout) {
    return new JobMessage(jobId, attempt, simulationId, revision, spec, newTimeout, correlationId, chunk, work);
  }

  /**
   * One part of a job split into {@code count} chunks (e.g. a slice of a population's
   * individuals). Chunks of one job share its id and attempt; each reports separately and the API
   * gathers them.
   *
   * @param index 0-based position of this chunk
   * @param count number of chunks of the job
   */
  public record Chunk(int index, int count) {
    public Chunk {
      if (count < 1 || index < 0 || index >= count) {
        throw new IllegalArgumentException("chunk index must be in [0, count)");
      }
    }
  }

  /**
   * What one chunk runs, in the encoding of its kind.
   *
   * @param kind the kind of split work (e.g. {@code population}); a worker refuses kinds it does not know
   * @param body the kind's canonical-JSON description of the slice
   */
  public record ChunkWork(String kind, String body) {
    public ChunkWork {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(body, "body");
    }
  }
}
