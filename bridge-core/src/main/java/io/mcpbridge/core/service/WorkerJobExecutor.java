package io.mcpbridge.core.service;

import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.WorkerReport;
import io.mcpbridge.core.population.PopulationChunkRunner;
import io.mcpbridge.core.population.PopulationSlice;
import io.mcpbridge.core.port.RemoteJobHandler;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.port.SimulationEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs job messages in a worker process. The model named by the message is resolved inside this
 * process's own allow-listed model directories and its SHA-256 compared with the one the job was
 * submitted with: a missing file or different bytes fail the attempt with a reason that says so,
 * never run another model. A chunk message of a population runs its slice of individuals
 * ({@link PopulationChunkRunner}) and reports their series in its success report; every report of
 * a chunk names the chunk. Progress is reported at most every 250 ms. Thread-safe.
 */
public final class WorkerJobExecutor implements RemoteJobHandler {

  private final ModelAccess models;
  private final SimulationEngine engine;
  private final String worker;
  private final Clock clock;
  private final PopulationChunkRunner chunks;
  private final System.Logger log = System.getLogger(WorkerJobExecutor.class.getName());

  /**
   * @param models this worker's allow-listed model directories
   * @param engine the simulation engine
   * @param worker this worker's id, carried by its reports
   * @param clock time of reports
   */
  public WorkerJobExecutor(ModelAccess models, SimulationEngine engine, String worker, Clock clock) {
    this.models = models;
    this.engine = engine;
    this.worker = worker;
    this.clock = clock;
    this.chunks = new PopulationChunkRunner(engine);
  }

  @Override
  public void run(JobMessage m, RunControl control, Consumer<WorkerReport> sink) {
    // Every report about a chunk says which chunk it is about.
    Consumer<WorkerReport> reports = m.chunk().isEmpty() ? sink
        : r -> sink.accept(r.chunk().isPresent() ? r : r.ofChunk(m.chunk().get(), new byte[0]));
    reports.accept(WorkerReport.started(m.jobId(), m.attempt(), worker, clock.instant()));
    try {
      SimulationSpec spec = verified(m.spec());
      if (m.work().isPresent()) {
        byte[] output = runChunk(m.work().get(), spec, withProgress(m, control, reports));
        reports.accept(new WorkerReport(m.jobId(), m.attempt(), WorkerReport.Kind.SUCCEEDED, worker, clock.instant(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(new WorkerReport.ChunkReport(
                m.chunk().orElseThrow().index(), m.chunk().orElseThrow().count(), output))));
        return;
      }
      SimulationResult result = engine.run(spec, withProgress(m, control, reports));
      reports.accept(WorkerReport.succeeded(m.jobId(), m.attempt(), worker, clock.instant(), result));
    } catch (RuntimeException e) {
      AttemptFailure failed = AttemptFailure.of(e, m.timeout(), " on worker " + worker);
      if (failed.unexpected()) {
        log.log(System.Logger.Level.ERROR, "job " + m.jobId() + " failed unexpectedly on worker " + worker, e);
      }
      WorkerReport.Kind kind = switch (failed.state()) {
        case CANCELLED -> WorkerReport.Kind.CANCELLED;
        case TIMED_OUT -> WorkerReport.Kind.TIMED_OUT;
        default -> WorkerReport.Kind.FAILED;
      };
      end(m, reports, kind, failed.failure());
    }
  }

  /** Runs one chunk of a split job; its output in the encoding of the chunk's kind. */
  private byte[] runChunk(JobMessage.ChunkWork work, SimulationSpec spec, RunControl control) {
    if (!PopulationSlice.KIND.equals(work.kind())) {
      throw new io.mcpbridge.core.error.InvalidInputException("worker " + worker + " does not know chunks of kind '"
          + work.kind() + "'");
    }
    PopulationSlice slice;
    try {
      slice = PopulationSlice.fromJson(work.body());
    } catch (IllegalArgumentException e) {
      throw new io.mcpbridge.core.error.InvalidInputException("unreadable population chunk: " + e.getMessage());
    }
    return chunks.run(spec, slice, control).encode();
  }

  /** The spec with the model resolved in this worker's directories, after checking its bytes. */
  private SimulationSpec verified(SimulationSpec spec) {
    ModelRef submitted = spec.model();
    Path file;
    try {
      file = models.resolve(submitted.path().toString());
    } catch (io.mcpbridge.core.error.InvalidInputException e) {
      throw new io.mcpbridge.core.error.NotFoundException("worker " + worker + " cannot use the job's model: "
          + e.getMessage());
    }
    String actual;
    try {
      actual = ModelAccess.sha256(file);
    } catch (IOException e) {
      throw new io.mcpbridge.core.error.BackendUnavailableException("worker " + worker + " cannot read model "
          + file.getFileName() + ": " + e.getMessage(), e);
    }
    if (!actual.equals(submitted.sha256())) {
      throw new io.mcpbridge.core.error.ConflictException("model " + file.getFileName() + " on worker " + worker
          + " has SHA-256 " + actual + ", but the job was submitted for " + submitted.sha256()
          + "; refusing to run a different model");
    }
    return new SimulationSpec(new ModelRef(file, actual), spec.overrides(), spec.outputs(), spec.outputIntervals(),
        spec.solver(), spec.precision());
  }

  private void end(JobMessage m, Consumer<WorkerReport> reports, WorkerReport.Kind kind, JobFailure failure) {
    reports.accept(WorkerReport.ended(m.jobId(), m.attempt(), kind, worker, clock.instant(), failure));
  }

  private RunControl withProgress(JobMessage m, RunControl control, Consumer<WorkerReport> reports) {
    return ThrottledProgress.around(control, clock,
        (now, progress) -> reports.accept(WorkerReport.progress(m.jobId(), m.attempt(), worker, now, progress)));
  }
}
