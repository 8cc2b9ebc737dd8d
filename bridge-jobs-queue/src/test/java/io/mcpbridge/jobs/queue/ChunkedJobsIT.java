package io.mcpbridge.jobs.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.model.WorkerReport;
import io.mcpbridge.core.port.RemoteJobHandler;
import io.mcpbridge.core.service.ChunkedWork;
import io.mcpbridge.core.service.JobNotifier;
import io.mcpbridge.core.service.JobReportRecorder;
import io.mcpbridge.core.service.RegistryJobMessages;
import io.mcpbridge.testkit.InMemoryAuditSink;
import io.mcpbridge.testkit.InMemoryJobRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A job split into chunk messages on the local Redis: two workers run chunks of the same job at
 * the same time (one lease per chunk), a chunk whose worker stops without a final report is taken
 * over after its lease, and the API gathers every chunk once.
 */
class ChunkedJobsIT {
  private static final ModelRef MODEL = new ModelRef(Path.of("/models/chunked.pkml"), "3".repeat(64));
  private static final int CHUNKS = 4;
  private final Clock clock = Clock.systemUTC();
  private final InMemoryJobRegistry registry = new InMemoryJobRegistry();
  private final String prefix = LocalRedis.freshPrefix();
  private final QueueSettings settings = LocalRedis.settings(prefix);
  private final Map<Integer, AtomicInteger> runsPerChunk = new ConcurrentHashMap<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final Set<Integer> gathered = ConcurrentHashMap.newKeySet();
  private final AtomicInteger gathers = new AtomicInteger();
  private RedisJobBackend backend;
  private final List<RedisWorker> workers = new ArrayList<>();

  /** Splits every job into four chunks and counts what is gathered. */
  private final class FourChunks implements ChunkedWork {
    @Override
    public Optional<List<JobMessage>> split(JobMessage whole) {
      List<JobMessage> out = new ArrayList<>();
      for (int c = 0; c < CHUNKS; c++) {
        out.add(new JobMessage(whole.jobId(), whole.attempt(), whole.simulationId(), whole.revision(), whole.spec(),
            whole.timeout(), whole.correlationId(), Optional.of(new JobMessage.Chunk(c, CHUNKS)),
            Optional.of(new JobMessage.ChunkWork("test", "{\"c\":" + c + "}"))));
      }
      return Optional.of(out);
    }

    @Override
    public boolean claims(JobId job) {
      return true;
    }

    @Override
    public JobEvent.Progress progress(Job running, WorkerReport report) {
      return new JobEvent.Progress(gathered.size(), CHUNKS);
    }

    @Override
    public boolean gather(Job running, WorkerReport report) {
      gathers.incrementAndGet();
      gathered.add(report.chunk().orElseThrow().index());
      return gathered.size() == CHUNKS;
    }

    @Override
    public void ended(JobId job) {
      // nothing kept outside this object
    }
  }

  @BeforeEach
  void start() {
    FourChunks chunks = new FourChunks();
    backend = RedisJobBackend.connect(settings, new RegistryJobMessages(registry, List.of(chunks)), clock, "api");
    backend.start((id, control) -> { });
    backend.recordReports(new JobReportRecorder(registry, backend, new JobNotifier(), new InMemoryAuditSink(), clock,
        List.of(chunks)));
    registry.saveSimulation(new StoredSimulation(new SimulationId("sim"), 1, SimulationSpec.of(MODEL), "alice",
        clock.instant()));
  }

  @AfterEach
  void stop() {
    workers.forEach(RedisWorker::close);
    backend.close();
    LocalRedis.deleteAll(prefix);
  }

  @Test
  void chunksOfOneJobRunOnTwoWorkersAtOnce_aLostChunkIsTakenOver_andEachIsGatheredOnce() throws Exception {
    for (int w = 1; w <= 2; w++) {
      workers.add(RedisWorker.start(settings, handler("w" + w), clock, "worker-" + w + "-" + prefix, 1));
    }
    Job job = Job.queued(JobId.random(), "alice", new SimulationId("sim"), 1, 0, Duration.ofMinutes(5), clock.instant());
    registry.createJob(job, Optional.empty());
    backend.submit(job.id(), job.timeout(), Duration.ZERO);

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (registry.findJob(job.id()).orElseThrow().state() != JobState.SUCCEEDED && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertThat(registry.findJob(job.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(gathered).containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(gathers.get()).as("each chunk's success recorded once").isEqualTo(CHUNKS);
    assertThat(runsPerChunk.get(1).get()).as("chunk 1 ran again after its first worker lost it").isEqualTo(2);
    assertThat(mostAtOnce.get()).as("chunks of one job at once").isEqualTo(2);
  }

  /** Runs a chunk for 300 ms; the first run of chunk 1 stops without a final report, as a dying worker would. */
  private RemoteJobHandler handler(String worker) {
    return (message, control, reports) -> {
      JobMessage.Chunk chunk = message.chunk().orElseThrow();
      int run = runsPerChunk.computeIfAbsent(chunk.index(), i -> new AtomicInteger()).incrementAndGet();
      reports.accept(WorkerReport.started(message.jobId(), message.attempt(), worker, clock.instant())
          .ofChunk(chunk, new byte[0]));
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.decrementAndGet();
      }
      if (chunk.index() == 1 && run == 1) {
        return;
      }
      reports.accept(new WorkerReport(message.jobId(), message.attempt(), WorkerReport.Kind.SUCCEEDED, worker,
          clock.instant(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.of(new WorkerReport.ChunkReport(chunk.index(), chunk.count(), new byte[] {(byte) chunk.index()}))));
    };
  }
}
