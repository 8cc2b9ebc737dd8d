package io.mcpbridge.jobs.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.jobs.JobMessageCodec;
import io.mcpbridge.core.jobs.MalformedJobMessageException;
import io.mcpbridge.core.jobs.WorkerReportCodec;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.model.WorkerReport;
import io.mcpbridge.core.port.ProgressListener;
import io.mcpbridge.core.port.RemoteJobHandler;
import io.mcpbridge.core.port.RunControl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker loop of {@code bridge worker} on RabbitMQ: consumes the jobs queue with manual
 * acknowledgements and a prefetch of its concurrency, and runs each message with the core's
 * {@link RemoteJobHandler}, sending its reports to the reports queue. Transport only: what running
 * a job means is the handler's business.
 *
 * <ul>
 *   <li>The broker holds an unacknowledged message for this worker's connection: that is the lease.
 *       If the process dies (or its connection does) the message returns to the queue at once and
 *       another worker takes it over; the quorum queue counts the delivery, and a message delivered
 *       more than {@code maxDeliveries} times is dead-lettered and its job reported failed.
 *   <li>A message is acknowledged only after the attempt's final report was confirmed by the
 *       broker; all reports of an attempt go out on one channel, so they arrive in order.
 *   <li>Cancellations come from the control stream, read from its beginning: a cancelled job is
 *       reported cancelled without running, a running one sees the flag at its next checkpoint.
 *   <li>Heartbeats (worker id and running jobs) go to the heartbeats exchange several times per
 *       lease; the same loop stops and resumes consuming while the queue is drained.
 *   <li>The client reconnects by itself with backoff; running attempts go on, and their final
 *       reports wait for the broker. A message returned by the lost connection and delivered here
 *       again while its attempt still runs is acknowledged with that attempt instead of run twice.
 *   <li>{@link #close} stops consuming, lets running attempts finish within the grace period,
 *       then stops them and hands their messages back (no final report).
 * </ul>
 */
public final class RabbitWorker implements QueueWorker {
  private static final Logger LOG = LoggerFactory.getLogger(RabbitWorker.class);
  private static final Duration CANCEL_MEMORY = Duration.ofDays(7);
  private static final int CONTROL_PREFETCH = 256;

  private final RabbitBroker broker;
  private final RabbitTopology topology;
  private final QueueSettings settings;
  private final RemoteJobHandler handler;
  private final Clock clock;
  private final String workerId;
  private final int concurrency;
  private final ExecutorService runners;
  private final Map<String, Attempt> running = new ConcurrentHashMap<>();
  private final Map<String, Instant> cancelled = new ConcurrentHashMap<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Object consumeLock = new Object();
  private final ThreadLocal<Channel> reportChannel = new ThreadLocal<>();
  private final List<Channel> reportChannels = new ArrayList<>();
  private volatile boolean handingBack;
  private volatile boolean abandoned;
  private volatile Instant lastBrokerContact = Instant.now();
  private Channel jobsChannel;
  private Channel controlChannel;
  private String consumerTag;
  private Thread heartbeat;

  /** A message being run. */
  private static final class Attempt {
    final JobMessage message;
    /** Deliveries this attempt answers for: the first, and any the broker gave back to us meanwhile. */
    final List<Long> deliveryTags = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicBoolean cancelled = new AtomicBoolean();

    Attempt(JobMessage message, long deliveryTag) {
      this.message = message;
      this.deliveryTags.add(deliveryTag);
    }
  }

  private RabbitWorker(RabbitBroker broker, QueueSettings settings, RemoteJobHandler handler, Clock clock,
      String workerId, int concurrency) {
    this.broker = broker;
    this.topology = broker.topology;
    this.settings = settings;
    this.handler = handler;
    this.clock = clock;
    this.workerId = workerId;
    this.concurrency = concurrency;
    AtomicInteger n = new AtomicInteger();
    this.runners = Executors.newFixedThreadPool(concurrency, r -> RedisJobBackend.daemon("queue-worker-" + n.incrementAndGet(), r));
  }

  /**
   * Connects to the broker and starts taking work.
   *
   * @param workerId unique id of this worker (host and process)
   * @param concurrency attempts run at once, and the consumer's prefetch
   * @throws BackendUnavailableException if the broker cannot be reached at start
   */
  public static RabbitWorker start(QueueSettings settings, RemoteJobHandler handler, Clock clock, String workerId,
      int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency >= 1");
    }
    RabbitBroker broker = RabbitBroker.connect(settings, workerId);
    RabbitWorker worker = new RabbitWorker(broker, settings, handler, clock, workerId, concurrency);
    try {
      worker.readControl();
      worker.jobsChannel = broker.channel();
      worker.jobsChannel.basicQos(concurrency);
      worker.updateConsuming();
    } catch (IOException | RuntimeException e) {
      worker.runners.shutdownNow();
      broker.close();
      throw e instanceof BackendUnavailableException b ? b : RabbitBroker.unavailable("start consuming jobs", (Exception) e);
    }
    worker.heartbeat = RedisJobBackend.daemon("queue-worker-heartbeat", worker::heartbeatForever);
    worker.heartbeat.start();
    return worker;
  }

  /** How often workers send heartbeats and look for a drain: several times per lease, at most every 100 ms. */
  static Duration beat(QueueSettings settings) {
    Duration beat = settings.pollInterval().multipliedBy(5);
    Duration third = settings.lease().dividedBy(3);
    beat = beat.compareTo(third) > 0 ? third : beat;
    return beat.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : beat;
  }

  @Override
  public String id() {
    return workerId;
  }

  @Override
  public int runningAttempts() {
    return running.size();
  }

  @Override
  public boolean brokerReachable() {
    return broker.connection().isOpen()
        && Duration.between(lastBrokerContact, Instant.now()).compareTo(settings.lease()) < 0;
  }

  @Override
  public boolean stopping() {
    return stopping.get();
  }

  /**
   * Reads the control stream from its beginning, and returns once it caught up: it appends a
   * marker of its own and waits to read it back, so every cancellation published before this
   * worker started is known before it takes its first job.
   */
  private void readControl() throws IOException {
    String marker = "hello:" + workerId + ":" + UUID.randomUUID();
    java.util.concurrent.CountDownLatch caughtUp = new java.util.concurrent.CountDownLatch(1);
    controlChannel = broker.channel();
    controlChannel.basicQos(CONTROL_PREFETCH);
    controlChannel.basicConsume(topology.control(), false, Map.of("x-stream-offset", "first"),
        new DefaultConsumer(controlChannel) {
          @Override
          public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
              throws IOException {
            String record = new String(body, StandardCharsets.UTF_8);
            if (record.startsWith("cancel:")) {
              cancelled(record.substring("cancel:".length()));
            } else if (record.equals(marker)) {
              caughtUp.countDown();
            }
            getChannel().basicAck(envelope.getDeliveryTag(), false);
          }
        });
    broker.publishConfirmed("join the control stream", ch -> {
      ch.basicPublish("", topology.control(), persistent(), marker.getBytes(StandardCharsets.UTF_8));
      return null;
    });
    try {
      if (!caughtUp.await(settings.commandTimeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
        LOG.warn("worker {}: the control stream was not read to its end in time; starting anyway", workerId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void cancelled(String jobId) {
    Instant now = Instant.now();
    cancelled.put(jobId, now);
    running.values().stream().filter(a -> a.message.jobId().value().equals(jobId)).forEach(a -> a.cancelled.set(true));
    if (cancelled.size() > 10_000) {
      cancelled.values().removeIf(at -> at.isBefore(now.minus(CANCEL_MEMORY)));
    }
  }

  /** Consumes the jobs queue unless stopping or drained; called at start and by the heartbeat loop. */
  private void updateConsuming() throws IOException {
    boolean paused = broker.depth(topology.paused()) >= 0;
    synchronized (consumeLock) {
      if ((paused || stopping.get()) && consumerTag != null) {
        jobsChannel.basicCancel(consumerTag);
        consumerTag = null;
        LOG.info("worker {}: {}", workerId, stopping.get() ? "stopped taking jobs" : "queue drained; taking no new jobs");
      } else if (!paused && !stopping.get() && consumerTag == null) {
        consumerTag = jobsChannel.basicConsume(topology.jobs(), false, workerId + "-" + UUID.randomUUID(),
            new DefaultConsumer(jobsChannel) {
              @Override
              public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                long deliveryTag = envelope.getDeliveryTag();
                runners.execute(() -> take(deliveryTag, props, body));
              }
            });
      }
    }
  }

  private void take(long tag, AMQP.BasicProperties props, byte[] body) {
    if (abandoned) {
      return;
    }
    JobMessage message;
    try {
      message = JobMessageCodec.decode(new String(body, StandardCharsets.UTF_8));
    } catch (MalformedJobMessageException e) {
      deadLetter(tag, props, body, "unreadable job message: " + e.getMessage());
      return;
    }
    long deliveries = deliveries(props);
    if (deliveries > settings.maxDeliveries()) {
      // Report first: if this worker dies in between, the message comes back and is dead-lettered
      // (and reported, idempotently) again, rather than leaving a job nobody will end.
      report(WorkerReport.ended(message.jobId(), message.attempt(), WorkerReport.Kind.FAILED, workerId, clock.instant(),
          new JobFailure("DeadLettered", "moved to the dead-letter queue after " + settings.maxDeliveries()
              + " deliveries that did not finish", false)));
      deadLetter(tag, props, body, "delivered " + deliveries + " times without finishing (workers stopped while running it)");
      return;
    }
    if (cancelled.containsKey(message.jobId().value())) {
      report(WorkerReport.ended(message.jobId(), message.attempt(), WorkerReport.Kind.CANCELLED, workerId,
          clock.instant(), new JobFailure("Cancelled", "cancelled before it started", false)));
      ack(tag);
      return;
    }
    String key = message.jobId().value() + "#" + message.attempt();
    Attempt attempt = new Attempt(message, tag);
    Attempt earlier = running.putIfAbsent(key, attempt);
    if (earlier != null) {
      // The same attempt again while it runs here (our connection was lost and the broker gave the
      // message back to us, or a duplicate): it is acknowledged with the running attempt.
      earlier.deliveryTags.add(tag);
      return;
    }
    run(key, attempt);
  }

  private void run(String key, Attempt attempt) {
    JobMessage message = attempt.message;
    if (cancelled.containsKey(message.jobId().value())) {
      attempt.cancelled.set(true);
    }
    List<WorkerReport> finals = new ArrayList<>(1);
    try {
      RunControl control = new RunControl(attempt.cancelled::get, Optional.of(clock.instant().plus(message.timeout())),
          ProgressListener.NONE, clock);
      handler.run(message, control, r -> {
        if (r.kind().endsAttempt()) {
          finals.add(r); // sent below, unless this attempt is handed back
        } else {
          reportQuietly(r);
        }
      });
    } catch (RuntimeException e) {
      LOG.error("worker {}: handler threw for job {}", workerId, message.jobId(), e);
    } finally {
      running.remove(key);
    }
    if (abandoned) {
      return;
    }
    boolean handedBack = handingBack && attempt.cancelled.get() && !cancelled.containsKey(message.jobId().value());
    if (handedBack || finals.isEmpty()) {
      attempt.deliveryTags.forEach(this::reject);
      LOG.info("worker {}: handed job {} back to the queue", workerId, message.jobId());
      return;
    }
    report(finals.get(0));
    attempt.deliveryTags.forEach(this::ack);
  }

  private static long deliveries(AMQP.BasicProperties props) {
    Object count = props.getHeaders() == null ? null : props.getHeaders().get("x-delivery-count");
    return count instanceof Number n ? n.longValue() + 1 : 1;
  }

  private void deadLetter(long tag, AMQP.BasicProperties props, byte[] body, String reason) {
    LOG.warn("worker {}: dead-lettering a message: {}", workerId, reason);
    Map<String, Object> headers = new HashMap<>();
    headers.put("reason", reason);
    headers.put("at", clock.instant().toString());
    headers.put("worker", workerId);
    AMQP.BasicProperties dead = new AMQP.BasicProperties.Builder().deliveryMode(2)
        .messageId(props.getMessageId() == null ? UUID.randomUUID().toString() : props.getMessageId())
        .timestamp(props.getTimestamp()).headers(headers).build();
    publishUntilConfirmed("dead letter", ch -> {
      ch.basicPublish("", topology.dead(), dead, body);
      return null;
    });
    ack(tag);
  }

  private void report(WorkerReport r) {
    byte[] wire = WorkerReportCodec.encode(r);
    publishUntilConfirmed("a " + r.kind() + " report of job " + r.jobId(), ch -> {
      ch.basicPublish("", topology.reports(), persistent(), wire);
      return null;
    });
  }

  private void reportQuietly(WorkerReport r) {
    try {
      ownChannel().basicPublish("", topology.reports(), persistent(), WorkerReportCodec.encode(r));
    } catch (IOException | ShutdownSignalException | BackendUnavailableException e) {
      LOG.debug("worker {}: progress report of job {} lost: {}", workerId, r.jobId(), e.getMessage());
    }
  }

  /**
   * Publishes on this thread's channel and waits for the broker's confirm, retrying while the broker
   * is away: a final report or dead letter must not be lost. Gives up only when the worker is handing
   * its attempts back or was abandoned (the message then returns to the queue unacknowledged).
   */
  private void publishUntilConfirmed(String what, RabbitBroker.ChannelWork<Void> work) {
    Duration backoff = Duration.ofMillis(100);
    while (!abandoned) {
      try {
        Channel ch = ownChannel();
        work.apply(ch);
        ch.waitForConfirmsOrDie(settings.commandTimeout().toMillis());
        return;
      } catch (IOException | ShutdownSignalException | BackendUnavailableException
          | java.util.concurrent.TimeoutException e) {
        if (stopping.get() && handingBack) {
          throw RabbitBroker.unavailable(what, e);
        }
        LOG.warn("worker {}: could not send {}; retrying", workerId, what);
        RedisJobBackend.sleep(backoff);
        backoff = RedisJobBackend.next(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw RabbitBroker.unavailable(what, e);
      }
    }
  }

  /** This runner thread's channel in confirm mode: all reports of one attempt leave in order. */
  private Channel ownChannel() throws IOException {
    Channel ch = reportChannel.get();
    if (ch == null || !ch.isOpen()) {
      ch = broker.channel();
      ch.confirmSelect();
      reportChannel.set(ch);
      synchronized (reportChannels) {
        reportChannels.add(ch);
      }
    }
    return ch;
  }

  private static AMQP.BasicProperties persistent() {
    return new AMQP.BasicProperties.Builder().deliveryMode(2).build();
  }

  private void ack(long tag) {
    try {
      synchronized (consumeLock) {
        jobsChannel.basicAck(tag, false);
      }
    } catch (IOException | ShutdownSignalException e) {
      // The connection that delivered it is gone: the broker already returned the message, and the
      // final report is out, so whoever runs it again reports nothing new.
      LOG.debug("worker {}: acknowledgement lost with the connection: {}", workerId, e.getMessage());
    }
  }

  private void reject(long tag) {
    try {
      synchronized (consumeLock) {
        jobsChannel.basicReject(tag, true);
      }
    } catch (IOException | ShutdownSignalException e) {
      LOG.debug("worker {}: hand-back lost with the connection (the broker returns it anyway): {}", workerId, e.getMessage());
    }
  }

  private void heartbeatForever() {
    Duration beat = beat(settings);
    Channel channel = null;
    while (!abandoned && (!stopping.get() || !running.isEmpty())) {
      try {
        if (channel == null || !channel.isOpen()) {
          channel = broker.channel();
        }
        List<String> jobs = running.values().stream().map(a -> a.message.jobId().value()).toList();
        channel.basicPublish(topology.heartbeats(), "", null, RabbitHeartbeats.encode(workerId, jobs));
        updateConsuming();
        lastBrokerContact = Instant.now();
      } catch (IOException | ShutdownSignalException | BackendUnavailableException e) {
        LOG.debug("worker {}: heartbeat failed: {}", workerId, e.getMessage());
      }
      RedisJobBackend.sleep(beat);
    }
    RabbitBroker.closeQuietly(channel);
  }

  /**
   * Drops the connection at once, as if the process had been killed: nothing is acknowledged or
   * reported any more, and the broker returns the unacknowledged messages to the queue.
   */
  void abandon() {
    abandoned = true;
    stopping.set(true);
    running.values().forEach(a -> a.cancelled.set(true));
    broker.connection().abort();
    runners.shutdownNow();
  }

  @Override
  public void close() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    try {
      updateConsuming();
    } catch (IOException | ShutdownSignalException | BackendUnavailableException e) {
      LOG.debug("worker {}: could not cancel its consumer: {}", workerId, e.getMessage());
    }
    long graceEnd = System.nanoTime() + settings.shutdownGrace().toNanos();
    while (!running.isEmpty() && System.nanoTime() < graceEnd) {
      RedisJobBackend.sleep(Duration.ofMillis(20));
    }
    if (!running.isEmpty()) {
      LOG.info("worker {}: {} attempt(s) still running after the grace period; handing them back", workerId, running.size());
      handingBack = true;
      running.values().forEach(a -> a.cancelled.set(true));
    }
    runners.shutdown();
    try {
      runners.awaitTermination(10, TimeUnit.SECONDS);
      if (heartbeat != null) {
        heartbeat.join(TimeUnit.SECONDS.toMillis(2));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RabbitBroker.closeQuietly(controlChannel);
    synchronized (reportChannels) {
      reportChannels.forEach(RabbitBroker::closeQuietly);
    }
    broker.close(); // closing the connection returns any message still unacknowledged
  }
}
