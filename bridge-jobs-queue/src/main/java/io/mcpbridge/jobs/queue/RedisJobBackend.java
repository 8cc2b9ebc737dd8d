package io.mcpbridge.jobs.queue;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.jobs.JobMessageCodec;
import io.mcpbridge.core.jobs.MalformedJobMessageException;
import io.mcpbridge.core.jobs.WorkerReportCodec;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.model.WorkerReport;
import io.mcpbridge.core.port.JobHandler;
import io.mcpbridge.core.port.JobMessageSource;
import io.mcpbridge.core.port.DeadLetterRequeues;
import io.mcpbridge.core.port.JobReports;
import io.mcpbridge.core.port.NoMetrics;
import io.mcpbridge.core.port.QueueMetrics;
import io.mcpbridge.core.port.WorkerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The API side of jobs on Redis Streams. Jobs run on {@link RedisWorker}s in other processes;
 * this process publishes their messages and records what workers report.
 *
 * <ul>
 *   <li>{@link #submit} returns only after Redis answered the {@code XADD} (or, for a delayed
 *       retry, the {@code ZADD}); otherwise it throws {@link BackendUnavailableException} and the
 *       job stays queued in the registry, where {@link #reconcile} finds it again.
 *   <li>{@link #cancel} sets the job's cancel key, the control channel workers poll: a queued
 *       message is dropped when taken, a running attempt stops at its next checkpoint.
 *   <li>Reports are read from the reports stream in a consumer group and acknowledged only after
 *       {@link JobReports#record} returned; after a crash, unacknowledged reports are read again
 *       (recording is idempotent).
 *   <li>A poller moves due retries from the delayed set to the stream.
 * </ul>
 *
 * <p>The {@link JobHandler} of {@link #start} is not called: attempts run in worker processes.
 * Thread-safe.
 */
public final class RedisJobBackend implements QueueJobBackend {
  private static final Logger LOG = LoggerFactory.getLogger(RedisJobBackend.class);
  private static final Duration CANCEL_KEY_TTL = Duration.ofDays(7);
  private static final int REPORT_BATCH = 64;
  /** Logging context keys, the same as the HTTP edge's and the thread backend's. */
  static final String JOB_ID = "jobId";
  static final String CORRELATION_ID = "correlationId";

  private final RedisBroker broker;
  private final QueueKeys keys;
  private final QueueSettings settings;
  private final JobMessageSource messages;
  private final Clock clock;
  private final String consumerName;
  private volatile QueueMetrics queueMetrics = NoMetrics.INSTANCE;
  private volatile DeadLetterRequeues requeues;
  private volatile boolean reportsCaughtUp;
  private volatile boolean started;
  private volatile boolean closed;
  private Thread reportReader;
  private Thread poller;

  private RedisJobBackend(RedisBroker broker, QueueSettings settings, JobMessageSource messages, Clock clock,
      String consumerName) {
    this.broker = broker;
    this.keys = broker.keys;
    this.settings = settings;
    this.messages = messages;
    this.clock = clock;
    this.consumerName = consumerName;
  }

  /**
   * Connects to the broker.
   *
   * @param consumerName this API process's name in the reports consumer group
   * @throws BackendUnavailableException if the broker cannot be reached
   */
  public static RedisJobBackend connect(QueueSettings settings, JobMessageSource messages, Clock clock,
      String consumerName) {
    return new RedisJobBackend(RedisBroker.connect(settings), settings, messages, clock, consumerName);
  }

  @Override
  public void start(JobHandler handler) {
    Objects.requireNonNull(handler, "handler");
    if (closed) {
      throw new IllegalStateException("backend is closed");
    }
    started = true;
    poller = daemon("queue-delayed-mover", this::moveDueRetriesForever);
    poller.start();
  }

  @Override
  public void recordReports(JobReports reports) {
    Objects.requireNonNull(reports, "reports");
    reportReader = daemon("queue-report-reader", () -> readReportsForever(reports));
    reportReader.start();
  }

  /**
   * Starts applying operators' requests to requeue dead-lettered jobs ({@code bridge queue
   * requeue}) with {@code requeues}; each request is answered on its own key.
   */
  public void applyRequeues(DeadLetterRequeues requeues) {
    this.requeues = Objects.requireNonNull(requeues, "requeues");
  }

  /**
   * Exports the queue's depth, oldest waiting age, pending deliveries and broker state, the
   * workers' liveness, and publication latency. Call once; the broker is read at most once a
   * second whatever the scrape rate.
   */
  public void measure(QueueMetrics queue, WorkerMetrics workers) {
    QueueGauges gauges = new QueueGauges(broker, clock, settings.lease());
    queue.observe(() -> gauges.now().waiting(), () -> gauges.now().oldestWaitingSeconds(),
        () -> gauges.now().pending(), () -> gauges.now().connected());
    workers.observeFleet(() -> gauges.now().liveWorkers(), () -> gauges.now().stalestHeartbeatSeconds());
    this.queueMetrics = queue;
  }

  /** Workers run single simulations and population chunks; sensitivity analyses are not split into messages yet. */
  @Override
  public boolean runsEveryJobKind() {
    return false;
  }

  /** Populations are published as chunk messages ({@code JobMessageSource#nextAttemptMessages}). */
  @Override
  public boolean runsPopulations() {
    return true;
  }

  @Override
  public void submit(JobId id, Duration timeout, Duration delay) {
    if (closed) {
      throw new BackendUnavailableException("the job backend is shutting down");
    }
    if (!started) {
      throw new IllegalStateException("backend not started");
    }
    if (timeout.isNegative() || timeout.isZero() || delay.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive and delay not negative");
    }
    // A job that runs in chunks is several messages; all are published before submit returns. A
    // submit made while handling a request carries that request's correlation id to the worker;
    // retries and republications (no request) keep the one derived from the job id.
    Optional<String> requestCorrelation = Optional.ofNullable(MDC.get(CORRELATION_ID)).filter(c -> !c.isBlank());
    List<byte[]> wires = new ArrayList<>();
    int attempt = 0;
    for (JobMessage stored : messages.nextAttemptMessages(id)) {
      JobMessage message = stored.timeout().equals(timeout) ? stored : stored.withTimeout(timeout);
      message = requestCorrelation.filter(c -> !c.equals(stored.correlationId())).map(message::withCorrelationId)
          .orElse(message);
      wires.add(JobMessageCodec.encode(message).getBytes(StandardCharsets.UTF_8));
      attempt = message.attempt();
    }
    String attemptText = Long.toString(attempt);
    long dueMillis = clock.millis() + delay.toMillis();
    long publishStart = System.nanoTime();
    broker.call("submit job " + id, redis -> {
      if (delay.isZero()) {
        if (redis.exists(keys.queued(id)) > 0) {
          return null; // a message of this job already waits in the broker
        }
        for (byte[] wire : wires) {
          redis.xadd(keys.jobs(), Map.of("job", wire));
        }
      } else {
        for (byte[] wire : wires) {
          redis.zadd(keys.delayed(), (double) dueMillis, wire);
        }
      }
      redis.set(keys.queued(id), bytes(attemptText));
      return null;
    });
    queueMetrics.published(Duration.ofNanos(System.nanoTime() - publishStart));
    LOG.debug("job {} attempt {} published ({} message(s))", id, attemptText, wires.size());
  }

  @Override
  public void cancel(JobId id) {
    broker.call("cancel job " + id, redis -> redis.set(keys.cancel(id), bytes("1"),
        SetArgs.Builder.px(CANCEL_KEY_TTL.toMillis())));
  }

  @Override
  public boolean hasWaitingMessage(JobId id) {
    return broker.call("look up job " + id, redis -> redis.exists(keys.queued(id)) > 0);
  }

  /** False until the reports that waited in the broker when this process started are recorded. */
  @Override
  public boolean reportsCaughtUp() {
    return reportsCaughtUp;
  }

  @Override
  public boolean isLeased(JobId id) {
    return broker.call("look up job " + id, redis -> redis.exists(keys.lease(id)) > 0);
  }

  @Override
  public boolean brokerReachable() {
    return broker.reachable();
  }

  /** {@code jobBroker}: ok or unreachable; {@code jobWorkers}: ok while at least one worker's heartbeat is current. */
  @Override
  public Map<String, String> states() {
    if (!broker.reachable()) {
      return Map.of("jobBroker", "unreachable", "jobWorkers", "unknown (broker unreachable)");
    }
    try {
      int live = liveWorkers().size();
      return Map.of("jobBroker", "ok", "jobWorkers", live > 0 ? "ok" : "no live worker");
    } catch (BackendUnavailableException e) {
      return Map.of("jobBroker", "unreachable", "jobWorkers", "unknown (broker unreachable)");
    }
  }

  @Override
  public List<String> liveWorkers() {
    return broker.call("list workers", redis -> redis.keys(keys.workerPattern()).stream()
        .map(k -> k.substring(keys.workerPattern().length() - 1)).sorted().toList());
  }

  /** Moves retries whose time has come from the delayed set to the stream. */
  void moveDueRetries() {
    broker.call("move due retries", redis -> {
      List<ScoredValue<byte[]>> due = redis.zrangebyscoreWithScores(keys.delayed(),
          Range.create(Double.NEGATIVE_INFINITY, (double) clock.millis()), Limit.from(100));
      for (ScoredValue<byte[]> entry : due) {
        // Remove first: whoever removes it publishes it, so two movers never publish one retry twice.
        if (redis.zrem(keys.delayed(), entry.getValue()) > 0) {
          redis.xadd(keys.jobs(), Map.of("job", entry.getValue()));
        }
      }
      return null;
    });
  }

  /**
   * Applies waiting requeue requests. A request is deleted only after it was applied and
   * answered; applying one again after a crash is refused harmlessly (the job is no longer failed).
   */
  void applyRequeueRequests() {
    DeadLetterRequeues handler = requeues;
    if (handler == null) {
      return;
    }
    broker.call("apply requeue requests", redis -> {
      for (StreamMessage<String, byte[]> request : redis.xrange(keys.requeue(), Range.create("-", "+"), Limit.from(16))) {
        Map<String, byte[]> body = request.getBody();
        String job = text(body.get("job"));
        String by = text(body.get("by"));
        String answerKey = keys.requeueAnswer(text(body.get("request")));
        DeadLetterRequeues.Outcome outcome;
        MDC.put(JOB_ID, job);
        try {
          outcome = handler.requeue(new JobId(job), by.isBlank() ? "an operator" : by);
          if (outcome.requeued()) {
            for (String entry : text(body.get("entries")).split(",")) {
              if (!entry.isBlank()) {
                redis.xdel(keys.dead(), entry);
              }
            }
          }
          LOG.info("requeue request by {}: {}", by, outcome.message());
        } catch (IllegalArgumentException e) {
          outcome = new DeadLetterRequeues.Outcome(false, "not a job id: " + job);
        } finally {
          MDC.remove(JOB_ID);
        }
        redis.rpush(answerKey, bytes((outcome.requeued() ? "requeued " : "refused ") + outcome.message()));
        redis.pexpire(answerKey, Duration.ofMinutes(1).toMillis());
        redis.xdel(keys.requeue(), request.getId());
      }
      return null;
    });
  }

  private void moveDueRetriesForever() {
    while (!closed) {
      try {
        moveDueRetries();
        applyRequeueRequests();
      } catch (BackendUnavailableException e) {
        LOG.debug("moving due retries failed: {}", e.getMessage());
      }
      sleep(settings.pollInterval());
    }
  }

  private void readReportsForever(JobReports reports) {
    StatefulRedisConnection<String, byte[]> connection = null;
    String position = "0-0"; // first our own unacknowledged reports (after a crash), then new ones
    boolean caughtUpAfterThisBatch = false;
    Duration backoff = Duration.ofMillis(100);
    while (!closed) {
      try {
        if (connection == null) {
          connection = broker.dedicated();
        }
        RedisCommands<String, byte[]> redis = connection.sync();
        List<StreamMessage<String, byte[]>> batch = redis.xreadgroup(Consumer.from(QueueKeys.API_GROUP, consumerName),
            XReadArgs.Builder.count(REPORT_BATCH).block(settings.pollInterval().multipliedBy(4)),
            XReadArgs.StreamOffset.from(keys.reports(), position));
        if (!position.equals(">") && batch.isEmpty()) {
          position = ">";
        } else if (position.equals(">") && batch.size() < REPORT_BATCH && !reportsCaughtUp) {
          // Less than a full batch of new reports: the backlog from before the start is read
          // (recorded below, before the reconciler's next round looks at the registry).
          caughtUpAfterThisBatch = true;
        }
        for (StreamMessage<String, byte[]> m : batch) {
          record(reports, m);
          redis.xack(keys.reports(), QueueKeys.API_GROUP, m.getId());
          redis.xdel(keys.reports(), m.getId());
          if (!position.equals(">")) {
            position = m.getId();
          }
        }
        if (caughtUpAfterThisBatch) {
          reportsCaughtUp = true;
          caughtUpAfterThisBatch = false;
          LOG.info("worker reports from before the start are recorded; reconciliation begins");
        }
        backoff = Duration.ofMillis(100);
      } catch (RedisCommandExecutionException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("NOGROUP")) {
          recreateGroups();
        } else {
          LOG.warn("reading worker reports failed: {}", e.getMessage());
        }
        sleep(backoff);
        backoff = next(backoff);
      } catch (RedisException | BackendUnavailableException e) {
        if (!closed) {
          LOG.warn("reading worker reports failed; retrying in {} ms: {}", backoff.toMillis(), e.getClass().getSimpleName());
        }
        sleep(backoff);
        backoff = next(backoff);
      }
    }
    if (connection != null) {
      connection.close();
    }
  }

  private void record(JobReports reports, StreamMessage<String, byte[]> m) {
    byte[] wire = m.getBody().get("report");
    WorkerReport report;
    try {
      report = WorkerReportCodec.decode(wire == null ? new byte[0] : wire);
    } catch (MalformedJobMessageException e) {
      LOG.error("dropping unreadable worker report {}: {}", m.getId(), e.getMessage());
      return;
    }
    MDC.put(JOB_ID, report.jobId().value());
    try {
      recordWithRetries(reports, report);
    } finally {
      MDC.remove(JOB_ID);
    }
  }

  private void recordWithRetries(JobReports reports, WorkerReport report) {
    while (!closed) {
      try {
        reports.record(report);
        if (report.kind().endsAttempt()) {
          LOG.info("recorded the end of attempt {} ({}) reported by {}", report.attempt(), report.kind(), report.worker());
        }
        return;
      } catch (BackendUnavailableException e) {
        // The registry is unavailable: keep the report (unacknowledged) and try again.
        LOG.warn("could not record a report of job {} yet: {}", report.jobId(), e.getMessage());
        sleep(Duration.ofSeconds(1));
      } catch (RuntimeException e) {
        LOG.error("recording a report of job {} failed; dropped", report.jobId(), e);
        return;
      }
    }
  }

  private void recreateGroups() {
    try {
      broker.ensureGroup(keys.jobs(), QueueKeys.WORKERS_GROUP);
      broker.ensureGroup(keys.reports(), QueueKeys.API_GROUP);
    } catch (RedisException e) {
      LOG.debug("recreating consumer groups failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    join(poller);
    join(reportReader);
    broker.close();
  }

  static String text(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Duration next(Duration backoff) {
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : doubled;
  }

  static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(Math.max(1, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void join(Thread t) {
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
