package io.mcpbridge.jobs.queue;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The worker loop of {@code bridge worker}: takes job messages from the Redis stream in the
 * {@code workers} consumer group and runs them with a {@link RemoteJobHandler}, reporting back
 * on the reports stream.
 *
 * <ul>
 *   <li>Each of {@code concurrency} threads reads one message at a time on its own connection.
 *       Messages another worker took and stopped renewing for longer than the lease (it died) are
 *       taken over with {@code XAUTOCLAIM}; after {@code maxDeliveries} deliveries a message is
 *       dead-lettered and its job reported failed.
 *   <li>A job runs on one worker at a time: the worker must first acquire the job's lease key; a
 *       heartbeat renews leases (and the pending entries' idle time) every third of the lease.
 *   <li>A job cancelled before it is taken is reported cancelled without running; a running one
 *       sees the cancel key within the poll interval.
 *   <li>A message is acknowledged only after its final report is on the reports stream, so a
 *       worker killed at any point leaves it to be taken over.
 *   <li>{@link #close} stops taking work, lets running attempts finish within the grace period,
 *       then stops them and hands their messages back (no final report, lease released).
 *   <li>Broker outages: every loop retries with backoff up to 5 s; lettuce reconnects.
 * </ul>
 */
public final class RedisWorker implements QueueWorker {
  private static final Logger LOG = LoggerFactory.getLogger(RedisWorker.class);

  private final RedisBroker broker;
  private final QueueKeys keys;
  private final QueueSettings settings;
  private final RemoteJobHandler handler;
  private final Clock clock;
  private final String workerId;
  private final int concurrency;
  private final QueueInstruments instruments;
  private final List<Thread> threads = new ArrayList<>();
  private final Map<String, Attempt> running = new ConcurrentHashMap<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile boolean handingBack;
  private volatile boolean abandoned;
  private volatile Instant lastBrokerContact = Instant.EPOCH;
  private Thread heartbeat;

  /** A message being run. */
  private static final class Attempt {
    final String entryId;
    final JobMessage message;
    final AtomicBoolean cancelled = new AtomicBoolean();

    Attempt(String entryId, JobMessage message) {
      this.entryId = entryId;
      this.message = message;
    }
  }

  private RedisWorker(RedisBroker broker, QueueSettings settings, RemoteJobHandler handler, Clock clock, String workerId,
      int concurrency, QueueInstruments instruments) {
    this.instruments = instruments;
    this.broker = broker;
    this.keys = broker.keys;
    this.settings = settings;
    this.handler = handler;
    this.clock = clock;
    this.workerId = workerId;
    this.concurrency = concurrency;
  }

  /**
   * Connects to the broker and starts taking work.
   *
   * @param workerId unique id of this worker (host and process), its consumer name
   * @param concurrency attempts run at once
   * @throws BackendUnavailableException if the broker cannot be reached at start
   */
  public static RedisWorker start(QueueSettings settings, RemoteJobHandler handler, Clock clock, String workerId,
      int concurrency) {
    return start(settings, handler, clock, workerId, concurrency, QueueInstruments.NONE);
  }

  /**
   * Connects to the broker and starts taking work, reporting what it measures: busy and total
   * slots, the fleet's liveness, jobs processed (labelled with {@code workerId}), redeliveries,
   * lease expiries (take-overs), dead letters and the broker connection state.
   *
   * @param workerId unique id of this worker (host and process), its consumer name
   * @param concurrency attempts run at once
   * @param instruments where measurements go
   * @throws BackendUnavailableException if the broker cannot be reached at start
   */
  public static RedisWorker start(QueueSettings settings, RemoteJobHandler handler, Clock clock, String workerId,
      int concurrency, QueueInstruments instruments) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency >= 1");
    }
    RedisBroker broker = RedisBroker.connect(settings);
    RedisWorker worker = new RedisWorker(broker, settings, handler, clock, workerId, concurrency, instruments);
    QueueGauges fleet = new QueueGauges(broker, clock, settings.lease());
    instruments.queue().observeBroker(worker::brokerReachable);
    instruments.workers().observe(() -> worker.running.size(), () -> concurrency, () -> fleet.now().liveWorkers(),
        () -> fleet.now().stalestHeartbeatSeconds());
    worker.lastBrokerContact = Instant.now();
    for (int i = 1; i <= concurrency; i++) {
      Thread t = RedisJobBackend.daemon("queue-worker-" + i, worker::takeWorkForever);
      worker.threads.add(t);
      t.start();
    }
    worker.heartbeat = RedisJobBackend.daemon("queue-worker-heartbeat", worker::heartbeatForever);
    worker.heartbeat.start();
    return worker;
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
    return Duration.between(lastBrokerContact, Instant.now()).compareTo(settings.lease()) < 0;
  }

  @Override
  public boolean stopping() {
    return stopping.get();
  }

  private void takeWorkForever() {
    StatefulRedisConnection<String, byte[]> connection = null;
    Duration backoff = Duration.ofMillis(100);
    long nextClaim = 0;
    while (!stopping.get()) {
      try {
        if (connection == null) {
          connection = broker.dedicated();
        }
        RedisCommands<String, byte[]> redis = connection.sync();
        Optional<StreamMessage<String, byte[]>> next = Optional.empty();
        if (redis.exists(keys.paused()) > 0) {
          // Drained: take nothing new; running attempts (on other threads) carry on.
          lastBrokerContact = Instant.now();
          RedisJobBackend.sleep(settings.pollInterval().multipliedBy(4));
          continue;
        }
        if (System.nanoTime() >= nextClaim) {
          next = claimAbandoned(redis);
          nextClaim = System.nanoTime() + settings.pollInterval().toNanos() * 4;
        }
        if (next.isEmpty()) {
          List<StreamMessage<String, byte[]>> read = redis.xreadgroup(Consumer.from(QueueKeys.WORKERS_GROUP, workerId),
              XReadArgs.Builder.count(1).block(settings.pollInterval().multipliedBy(4)),
              XReadArgs.StreamOffset.lastConsumed(keys.jobs()));
          next = read.stream().findFirst();
        }
        lastBrokerContact = Instant.now();
        backoff = Duration.ofMillis(100);
        if (next.isPresent() && !stopping.get()) {
          take(redis, next.get());
        }
      } catch (RedisCommandExecutionException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("NOGROUP")) {
          recreateGroup();
        } else {
          LOG.warn("worker {}: broker refused a command: {}", workerId, e.getMessage());
        }
        RedisJobBackend.sleep(backoff);
        backoff = RedisJobBackend.next(backoff);
      } catch (RedisException | BackendUnavailableException e) {
        if (!stopping.get()) {
          LOG.warn("worker {}: broker unavailable; retrying in {} ms", workerId, backoff.toMillis());
        }
        RedisJobBackend.sleep(backoff);
        backoff = RedisJobBackend.next(backoff);
      }
    }
    if (connection != null) {
      connection.close();
    }
  }

  private Optional<StreamMessage<String, byte[]>> claimAbandoned(RedisCommands<String, byte[]> redis) {
    ClaimedMessages<String, byte[]> claimed = redis.xautoclaim(keys.jobs(), XAutoClaimArgs.Builder
        .xautoclaim(Consumer.from(QueueKeys.WORKERS_GROUP, workerId), settings.lease(), "0-0").count(1));
    Optional<StreamMessage<String, byte[]>> taken = claimed.getMessages().stream()
        .filter(m -> m.getBody() != null && !m.getBody().isEmpty()).findFirst();
    if (taken.isPresent()) {
      // The worker that held it stopped renewing for a whole lease.
      instruments.queue().leaseExpired();
      LOG.info("worker {}: took over message {} whose lease expired", workerId, taken.get().getId());
    }
    return taken;
  }

  private void take(RedisCommands<String, byte[]> redis, StreamMessage<String, byte[]> entry) {
    byte[] wire = entry.getBody().get("job");
    JobMessage message;
    try {
      message = JobMessageCodec.decode(wire == null ? "" : new String(wire, StandardCharsets.UTF_8));
    } catch (MalformedJobMessageException e) {
      deadLetter(redis, entry, wire, "unreadable job message: " + e.getMessage());
      return;
    }
    MDC.put(RedisJobBackend.JOB_ID, message.jobId().value());
    MDC.put(RedisJobBackend.CORRELATION_ID, message.correlationId());
    try {
      take(redis, entry, wire, message);
    } finally {
      MDC.remove(RedisJobBackend.JOB_ID);
      MDC.remove(RedisJobBackend.CORRELATION_ID);
    }
  }

  private void take(RedisCommands<String, byte[]> redis, StreamMessage<String, byte[]> entry, byte[] wire,
      JobMessage message) {
    long deliveries = deliveries(redis, entry.getId());
    if (deliveries > 1) {
      instruments.queue().redelivered();
    }
    if (deliveries > settings.maxDeliveries()) {
      deadLetter(redis, entry, wire, "delivered " + deliveries + " times without finishing (workers stopped while running it)");
      redis.del(keys.queued(message.jobId())); // no message waits any more: a requeue may publish one
      report(redis, WorkerReport.ended(message.jobId(), message.attempt(), WorkerReport.Kind.FAILED, workerId, clock.instant(),
          new JobFailure("DeadLettered", "moved to the dead-letter queue after " + settings.maxDeliveries()
              + " deliveries that did not finish", false)));
      instruments.workers().processed(workerId, "failed");
      return;
    }
    if (redis.exists(keys.cancel(message.jobId())) > 0) {
      redis.del(keys.queued(message.jobId()));
      report(redis, WorkerReport.ended(message.jobId(), message.attempt(), WorkerReport.Kind.CANCELLED, workerId,
          clock.instant(), new JobFailure("Cancelled", "cancelled before it started", false)));
      instruments.workers().processed(workerId, "cancelled");
      LOG.info("worker {}: attempt {} was cancelled before it started", workerId, message.attempt());
      redis.xack(keys.jobs(), QueueKeys.WORKERS_GROUP, entry.getId());
      redis.xdel(keys.jobs(), entry.getId());
      return;
    }
    String lease = redis.set(keys.lock(message), RedisJobBackend.bytes(workerId),
        SetArgs.Builder.nx().px(settings.lease().toMillis()));
    if (!"OK".equals(lease) && deliveries > 1) {
      // Taken over from a worker that stopped renewing: its lease key expires within one lease.
      // Wait for that instead of postponing, which would publish a new entry and lose the count
      // of deliveries that makes a message that kills its workers end in the dead letters.
      Long ttl = redis.pttl(keys.lock(message));
      if (ttl != null && ttl > 0 && ttl <= settings.lease().toMillis()) {
        RedisJobBackend.sleep(Duration.ofMillis(ttl + 20));
        lease = redis.set(keys.lock(message), RedisJobBackend.bytes(workerId),
            SetArgs.Builder.nx().px(settings.lease().toMillis()));
      }
    }
    if ("OK".equals(lease) && message.chunk().isPresent()) {
      // The job's own key says "some worker runs this job" to the API's reconciler.
      redis.set(keys.lease(message.jobId()), RedisJobBackend.bytes(workerId), SetArgs.Builder.px(settings.lease().toMillis()));
    }
    if (!"OK".equals(lease)) {
      // Another worker runs this job now: put the message back for later (half a lease), so the
      // two attempts never overlap and the wait does not count as a failed delivery.
      LOG.debug("worker {}: job {} is leased by another worker; message {} postponed", workerId, message.jobId(), entry.getId());
      redis.zadd(keys.delayed(), (double) (clock.millis() + settings.lease().toMillis() / 2), wire);
      redis.xack(keys.jobs(), QueueKeys.WORKERS_GROUP, entry.getId());
      redis.xdel(keys.jobs(), entry.getId());
      return;
    }
    if (message.chunk().isEmpty()) {
      redis.del(keys.queued(message.jobId()));
    } else if (message.chunk().get().index() == message.chunk().get().count() - 1) {
      // Chunks are published in order: once the last is taken, none of the job waits any more.
      redis.del(keys.queued(message.jobId()));
    }
    LOG.info("worker {}: running attempt {} (delivery {})", workerId, message.attempt(), deliveries);
    run(redis, entry, message);
  }

  private void run(RedisCommands<String, byte[]> redis, StreamMessage<String, byte[]> entry, JobMessage message) {
    Attempt attempt = new Attempt(entry.getId(), message);
    running.put(entry.getId(), attempt);
    List<WorkerReport> finals = new ArrayList<>(1);
    try {
      RunControl control = new RunControl(attempt.cancelled::get, Optional.of(clock.instant().plus(message.timeout())),
          ProgressListener.NONE, clock);
      handler.run(message, control, r -> {
        if (r.kind().endsAttempt()) {
          finals.add(r); // sent below, unless this attempt is handed back
        } else {
          reportQuietly(redis, r);
        }
      });
    } catch (RuntimeException e) {
      LOG.error("worker {}: handler threw for job {}", workerId, message.jobId(), e);
    } finally {
      running.remove(entry.getId());
    }
    if (abandoned) {
      return;
    }
    boolean handedBack = handingBack && attempt.cancelled.get() && redis.exists(keys.cancel(message.jobId())) == 0;
    if (handedBack || finals.isEmpty()) {
      redis.del(keys.lock(message));
      instruments.workers().processed(workerId, "requeued");
      LOG.info("worker {}: handed job {} back to the queue", workerId, message.jobId());
      return;
    }
    report(redis, finals.get(0));
    String outcome = finals.get(0).kind().name().toLowerCase(java.util.Locale.ROOT);
    instruments.workers().processed(workerId, outcome);
    LOG.info("worker {}: attempt {} ended {}", workerId, message.attempt(), outcome);
    redis.xack(keys.jobs(), QueueKeys.WORKERS_GROUP, entry.getId());
    redis.xdel(keys.jobs(), entry.getId());
    // A chunk leaves the job's own key to expire: other chunks of the job may still run.
    redis.del(keys.lock(message));
  }

  private long deliveries(RedisCommands<String, byte[]> redis, String entryId) {
    List<PendingMessage> pending = redis.xpending(keys.jobs(), QueueKeys.WORKERS_GROUP,
        Range.create(entryId, entryId), Limit.from(1));
    return pending.isEmpty() ? 1 : pending.get(0).getRedeliveryCount();
  }

  private void deadLetter(RedisCommands<String, byte[]> redis, StreamMessage<String, byte[]> entry, byte[] wire, String reason) {
    LOG.warn("worker {}: dead-lettering message {}: {}", workerId, entry.getId(), reason);
    instruments.jobs().deadLettered();
    redis.xadd(keys.dead(), Map.of("job", wire == null ? new byte[0] : wire, "reason", RedisJobBackend.bytes(reason),
        "entry", RedisJobBackend.bytes(entry.getId()), "at", RedisJobBackend.bytes(clock.instant().toString())));
    redis.xack(keys.jobs(), QueueKeys.WORKERS_GROUP, entry.getId());
    redis.xdel(keys.jobs(), entry.getId());
  }

  /** Sends a report, retrying while the broker is away (a final report must not be lost). */
  private void report(RedisCommands<String, byte[]> redis, WorkerReport r) {
    byte[] wire = WorkerReportCodec.encode(r);
    Duration backoff = Duration.ofMillis(100);
    while (true) {
      try {
        redis.xadd(keys.reports(), Map.of("report", wire));
        return;
      } catch (RedisException e) {
        if (stopping.get() && handingBack) {
          throw e; // leave the message pending for another worker
        }
        LOG.warn("worker {}: could not send a {} report of job {}; retrying", workerId, r.kind(), r.jobId());
        RedisJobBackend.sleep(backoff);
        backoff = RedisJobBackend.next(backoff);
      }
    }
  }

  private void reportQuietly(RedisCommands<String, byte[]> redis, WorkerReport r) {
    try {
      redis.xadd(keys.reports(), Map.of("report", WorkerReportCodec.encode(r)));
    } catch (RedisException e) {
      LOG.debug("worker {}: progress report of job {} lost: {}", workerId, r.jobId(), e.getMessage());
    }
  }

  private void heartbeatForever() {
    long renewEvery = settings.lease().toNanos() / 3;
    long nextRenewal = 0;
    while (!abandoned && (!stopping.get() || !running.isEmpty())) {
      try {
        broker.call("heartbeat", redis -> {
          for (Attempt a : running.values()) {
            if (redis.exists(keys.cancel(a.message.jobId())) > 0) {
              a.cancelled.set(true);
            }
          }
          return null;
        });
        if (System.nanoTime() >= nextRenewal) {
          renewLeases();
          nextRenewal = System.nanoTime() + renewEvery;
        }
        lastBrokerContact = Instant.now();
      } catch (BackendUnavailableException | RedisException e) {
        LOG.debug("worker {}: heartbeat failed: {}", workerId, e.getMessage());
      }
      RedisJobBackend.sleep(settings.pollInterval());
    }
  }

  private void renewLeases() {
    broker.call("renew leases", redis -> {
      long ttl = settings.lease().toMillis();
      redis.set(keys.worker(workerId), RedisJobBackend.bytes("{\"running\":" + running.size() + ",\"concurrency\":"
          + concurrency + ",\"at\":\"" + Instant.now() + "\"}"), SetArgs.Builder.px(ttl));
      for (Attempt a : running.values()) {
        redis.set(keys.lease(a.message.jobId()), RedisJobBackend.bytes(workerId), SetArgs.Builder.px(ttl));
        if (a.message.chunk().isPresent()) {
          redis.set(keys.lock(a.message), RedisJobBackend.bytes(workerId), SetArgs.Builder.px(ttl));
        }
        redis.xclaim(keys.jobs(), Consumer.from(QueueKeys.WORKERS_GROUP, workerId),
            XClaimArgs.Builder.minIdleTime(0).justid(), a.entryId);
      }
      return null;
    });
  }

  private void recreateGroup() {
    try {
      broker.ensureGroup(keys.jobs(), QueueKeys.WORKERS_GROUP);
      broker.ensureGroup(keys.reports(), QueueKeys.API_GROUP);
    } catch (RedisException e) {
      LOG.debug("recreating consumer groups failed: {}", e.getMessage());
    }
  }

  /**
   * Stops at once, as if the process had been killed: running attempts are stopped without a final
   * report, nothing is acknowledged, leases are left to expire, and the messages stay pending for
   * another worker to take over.
   */
  void abandon() {
    abandoned = true;
    stopping.set(true);
    running.values().forEach(a -> a.cancelled.set(true));
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    broker.close();
  }

  @Override
  public void close() {
    if (!stopping.compareAndSet(false, true)) {
      return;
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
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      broker.call("deregister worker", redis -> redis.del(keys.worker(workerId)));
    } catch (BackendUnavailableException e) {
      LOG.debug("worker {}: could not deregister: {}", workerId, e.getMessage());
    }
    try {
      heartbeat.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    broker.close();
  }
}
