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
import io.mcpbridge.core.port.BrokerJobState;
import io.mcpbridge.core.port.ComponentHealth;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobHandler;
import io.mcpbridge.core.port.JobMessageSource;
import io.mcpbridge.core.port.JobReports;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public final class RedisJobBackend implements JobBackend, BrokerJobState, ComponentHealth {
  private static final Logger LOG = LoggerFactory.getLogger(RedisJobBackend.class);
  private static final Duration CANCEL_KEY_TTL = Duration.ofDays(7);
  private static final int REPORT_BATCH = 64;

  private final RedisBroker broker;
  private final QueueKeys keys;
  private final QueueSettings settings;
  private final JobMessageSource messages;
  private final Clock clock;
  private final String consumerName;
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

  /**
   * Starts recording worker reports with {@code reports}. Called once, after {@link #start}.
   */
  public void recordReports(JobReports reports) {
    Objects.requireNonNull(reports, "reports");
    reportReader = daemon("queue-report-reader", () -> readReportsForever(reports));
    reportReader.start();
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
    // A job that runs in chunks is several messages; all are published before submit returns.
    List<byte[]> wires = new ArrayList<>();
    int attempt = 0;
    for (JobMessage stored : messages.nextAttemptMessages(id)) {
      JobMessage message = stored.timeout().equals(timeout) ? stored : stored.withTimeout(timeout);
      wires.add(JobMessageCodec.encode(message).getBytes(StandardCharsets.UTF_8));
      attempt = message.attempt();
    }
    String attemptText = Long.toString(attempt);
    long dueMillis = clock.millis() + delay.toMillis();
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

  @Override
  public boolean isLeased(JobId id) {
    return broker.call("look up job " + id, redis -> redis.exists(keys.lease(id)) > 0);
  }

  /** True if the broker answers now. */
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

  /** Ids of the workers whose heartbeat is current. */
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

  private void moveDueRetriesForever() {
    while (!closed) {
      try {
        moveDueRetries();
      } catch (BackendUnavailableException e) {
        LOG.debug("moving due retries failed: {}", e.getMessage());
      }
      sleep(settings.pollInterval());
    }
  }

  private void readReportsForever(JobReports reports) {
    StatefulRedisConnection<String, byte[]> connection = null;
    String position = "0-0"; // first our own unacknowledged reports (after a crash), then new ones
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
        }
        for (StreamMessage<String, byte[]> m : batch) {
          record(reports, m);
          redis.xack(keys.reports(), QueueKeys.API_GROUP, m.getId());
          redis.xdel(keys.reports(), m.getId());
          if (!position.equals(">")) {
            position = m.getId();
          }
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
    while (!closed) {
      try {
        reports.record(report);
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
