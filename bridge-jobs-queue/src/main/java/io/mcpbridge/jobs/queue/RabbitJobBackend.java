package io.mcpbridge.jobs.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.jobs.JobMessageCodec;
import io.mcpbridge.core.jobs.MalformedJobMessageException;
import io.mcpbridge.core.jobs.WorkerReportCodec;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.model.WorkerReport;
import io.mcpbridge.core.port.JobHandler;
import io.mcpbridge.core.port.JobMessageSource;
import io.mcpbridge.core.port.JobReports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API side of jobs on RabbitMQ (topology in {@link RabbitTopology}). Jobs run on
 * {@link RabbitWorker}s in other processes; this process publishes their messages and records what
 * workers report.
 *
 * <ul>
 *   <li>{@link #submit} publishes a persistent message and returns only after the broker's
 *       publisher confirm; otherwise it throws {@link BackendUnavailableException} and the job
 *       stays queued in the registry, where the reconciler finds it again. A delayed retry goes to
 *       the delay queue of its bucket, which dead-letters it into the jobs queue when due.
 *   <li>{@link #cancel} appends {@code cancel:ID} to the control stream: a worker drops the queued
 *       message when it takes it, a running attempt stops at its next checkpoint.
 *   <li>Reports are consumed from the reports queue and acknowledged only after
 *       {@link JobReports#record} returned; unacknowledged ones return after a crash (recording is
 *       idempotent).
 *   <li>RabbitMQ cannot be asked whether a given job's message waits, so this process remembers
 *       the jobs it published until a report of that attempt arrives. It forgets everything when
 *       the broker comes back without its data (the {@code epoch} queue is gone) and after its own
 *       restart; the reconciler then publishes those jobs again (a duplicate message is run again
 *       at worst, and recorded once). Leases are the workers' heartbeats.
 * </ul>
 */
public final class RabbitJobBackend implements QueueJobBackend {
  private static final Logger LOG = LoggerFactory.getLogger(RabbitJobBackend.class);
  private static final int REPORT_PREFETCH = 64;

  private final RabbitBroker broker;
  private final RabbitTopology topology;
  private final JobMessageSource messages;
  private final Clock clock;
  private final RabbitHeartbeats heartbeats;
  private final Map<String, Long> waiting = new ConcurrentHashMap<>();
  private volatile boolean started;
  private volatile boolean closed;

  private RabbitJobBackend(RabbitBroker broker, QueueSettings settings, JobMessageSource messages, Clock clock) {
    this.broker = broker;
    this.topology = broker.topology;
    this.messages = messages;
    this.clock = clock;
    this.heartbeats = new RabbitHeartbeats(settings.lease());
  }

  /**
   * Connects to the broker and starts listening to worker heartbeats.
   *
   * @throws BackendUnavailableException if the broker cannot be reached
   */
  public static RabbitJobBackend connect(QueueSettings settings, JobMessageSource messages, Clock clock) {
    RabbitBroker broker = RabbitBroker.connect(settings, "bridge-api");
    RabbitJobBackend backend = new RabbitJobBackend(broker, settings, messages, clock);
    try {
      backend.declareEpoch();
      backend.listenToHeartbeats();
      ((Recoverable) broker.connection()).addRecoveryListener(new RecoveryListener() {
        @Override
        public void handleRecovery(Recoverable recoverable) {
          backend.afterReconnection();
        }

        @Override
        public void handleRecoveryStarted(Recoverable recoverable) {
          LOG.warn("connection to the job broker lost; reconnecting");
        }
      });
      return backend;
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  @Override
  public void start(JobHandler handler) {
    Objects.requireNonNull(handler, "handler");
    if (closed) {
      throw new IllegalStateException("backend is closed");
    }
    started = true;
  }

  @Override
  public void recordReports(JobReports reports) {
    Objects.requireNonNull(reports, "reports");
    Channel channel = broker.channel();
    try {
      channel.basicQos(REPORT_PREFETCH);
      channel.basicConsume(topology.reports(), false, "bridge-api-reports", new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
            throws IOException {
          if (record(reports, body)) {
            getChannel().basicAck(envelope.getDeliveryTag(), false);
          }
        }
      });
    } catch (IOException e) {
      throw RabbitBroker.unavailable("consume worker reports", e);
    }
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
    JobMessage stored = messages.nextAttempt(id);
    JobMessage message = stored.timeout().equals(timeout) ? stored : new JobMessage(stored.jobId(), stored.attempt(),
        stored.simulationId(), stored.revision(), stored.spec(), timeout, stored.correlationId(), stored.chunk());
    byte[] wire = JobMessageCodec.encode(message).getBytes(StandardCharsets.UTF_8);
    AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().deliveryMode(2).contentType("application/json")
        .messageId(id.value()).timestamp(new Date(clock.millis())).headers(Map.of("attempt", message.attempt())).build();
    if (delay.isZero()) {
      Long pending = waiting.get(id.value());
      if (pending != null && pending == message.attempt()) {
        return; // a message of this attempt already waits in the broker
      }
      broker.publishConfirmed("submit job " + id, ch -> {
        ch.basicPublish("", topology.jobs(), props, wire);
        return null;
      });
    } else {
      Duration bucket = RabbitTopology.bucket(delay);
      broker.declare("declare the delay queue", ch -> ch.queueDeclare(topology.delay(bucket), true, false, false,
          topology.delayArguments(bucket)));
      broker.publishConfirmed("submit job " + id, ch -> {
        ch.basicPublish("", topology.delay(bucket), props, wire);
        return null;
      });
    }
    waiting.put(id.value(), (long) message.attempt());
  }

  @Override
  public void cancel(JobId id) {
    AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().deliveryMode(2)
        .timestamp(new Date(clock.millis())).build();
    broker.publishConfirmed("cancel job " + id, ch -> {
      ch.basicPublish("", topology.control(), props, ("cancel:" + id.value()).getBytes(StandardCharsets.UTF_8));
      return null;
    });
  }

  @Override
  public boolean hasWaitingMessage(JobId id) {
    requireConnection();
    return waiting.containsKey(id.value());
  }

  @Override
  public boolean isLeased(JobId id) {
    requireConnection();
    return heartbeats.leased(id.value(), clock.instant());
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
    return Map.of("jobBroker", "ok", "jobWorkers", liveWorkers().isEmpty() ? "no live worker" : "ok");
  }

  @Override
  public List<String> liveWorkers() {
    return heartbeats.live(clock.instant());
  }

  private void requireConnection() {
    if (!broker.connection().isOpen()) {
      throw new BackendUnavailableException("the job broker is unavailable (reconnecting)");
    }
  }

  private void declareEpoch() {
    broker.declare("declare the epoch marker", ch -> ch.queueDeclare(topology.epoch(), true, false, false, null));
  }

  private void listenToHeartbeats() {
    Channel channel = broker.channel();
    try {
      // A server-named queue of this connection only; recovered (with a new name) after a reconnection.
      String queue = channel.queueDeclare("", false, true, true, Map.of("x-message-ttl", 5_000)).getQueue();
      channel.queueBind(queue, topology.heartbeats(), "");
      channel.basicConsume(queue, true, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
          heartbeats.received(body, clock.instant());
        }
      });
    } catch (IOException e) {
      throw RabbitBroker.unavailable("listen to worker heartbeats", e);
    }
  }

  /** After the client reconnected: if the broker lost its data, no message we published waits any more. */
  private void afterReconnection() {
    try {
      if (broker.depth(topology.epoch()) < 0) {
        LOG.warn("the job broker came back without its data; queued jobs will be published again");
        waiting.clear();
        declareEpoch();
      } else {
        LOG.info("reconnected to the job broker");
      }
    } catch (BackendUnavailableException e) {
      LOG.warn("reconnected to the job broker, but could not check its data; queued jobs will be published again");
      waiting.clear();
    }
  }

  /** Records one report; false if this process is closing first (the report then stays in the queue). */
  private boolean record(JobReports reports, byte[] wire) {
    WorkerReport report;
    try {
      report = WorkerReportCodec.decode(wire);
    } catch (MalformedJobMessageException e) {
      LOG.error("dropping an unreadable worker report: {}", e.getMessage());
      return true;
    }
    while (true) {
      if (closed) {
        return false;
      }
      try {
        reports.record(report);
        break;
      } catch (BackendUnavailableException e) {
        // The registry is unavailable: keep the report (unacknowledged) and try again.
        LOG.warn("could not record a report of job {} yet: {}", report.jobId(), e.getMessage());
        RedisJobBackend.sleep(Duration.ofSeconds(1));
      } catch (RuntimeException e) {
        LOG.error("recording a report of job {} failed; dropped", report.jobId(), e);
        break;
      }
    }
    // A worker took (or finished) this attempt: its message no longer waits.
    waiting.computeIfPresent(report.jobId().value(), (k, attempt) -> report.attempt() >= attempt ? null : attempt);
    return true;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    broker.close();
  }
}
