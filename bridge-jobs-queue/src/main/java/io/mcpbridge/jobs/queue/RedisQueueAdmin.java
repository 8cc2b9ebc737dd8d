package io.mcpbridge.jobs.queue;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.models.stream.PendingMessages;
import io.mcpbridge.core.jobs.JobMessageCodec;
import io.mcpbridge.core.jobs.MalformedJobMessageException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code bridge queue} shows and does: queue depth and age, dead letters, and draining
 * (workers stop taking new messages while {@code P:paused} exists; running jobs finish).
 */
public final class RedisQueueAdmin implements QueueAdmin {
  private final RedisBroker broker;
  private final QueueKeys keys;
  private final Clock clock;

  private RedisQueueAdmin(RedisBroker broker, Clock clock) {
    this.broker = broker;
    this.keys = broker.keys;
    this.clock = clock;
  }

  /**
   * Connects to the broker.
   *
   * @throws io.mcpbridge.core.error.BackendUnavailableException if it cannot be reached
   */
  public static RedisQueueAdmin connect(QueueSettings settings, Clock clock) {
    return new RedisQueueAdmin(RedisBroker.connect(settings), clock);
  }

  @Override
  public Stats stats() {
    return broker.call("read queue statistics", redis -> {
      long length = redis.xlen(keys.jobs());
      PendingMessages pending = redis.xpending(keys.jobs(), QueueKeys.WORKERS_GROUP);
      List<StreamMessage<String, byte[]>> first = redis.xrange(keys.jobs(), Range.create("-", "+"), Limit.from(1));
      Optional<Duration> oldest = first.stream().findFirst().map(m -> Duration.between(
          Instant.ofEpochMilli(Long.parseLong(m.getId().substring(0, m.getId().indexOf('-')))), clock.instant()));
      List<String> workers = redis.keys(keys.workerPattern()).stream()
          .map(k -> k.substring(keys.workerPattern().length() - 1)).sorted().toList();
      return new Stats(length, pending.getCount(), redis.zcard(keys.delayed()), redis.xlen(keys.dead()), oldest, workers,
          redis.exists(keys.paused()) > 0);
    });
  }

  @Override
  public List<DeadLetter> deadLetters(int limit) {
    return broker.call("read dead letters", redis -> {
      List<DeadLetter> out = new ArrayList<>();
      for (StreamMessage<String, byte[]> m : redis.xrange(keys.dead(), Range.create("-", "+"), Limit.from(limit))) {
        Optional<String> job;
        try {
          job = Optional.of(JobMessageCodec.decode(text(m.getBody().get("job"))).jobId().value());
        } catch (MalformedJobMessageException e) {
          job = Optional.empty();
        }
        out.add(new DeadLetter(m.getId(), job, text(m.getBody().get("reason")), text(m.getBody().get("at"))));
      }
      return out;
    });
  }

  /**
   * What became of one job of a requeue.
   *
   * @param jobId the job
   * @param requeued true if the API queued it again
   * @param message the API's answer, or why the request was not sent or not answered
   */
  public record Requeued(String jobId, boolean requeued, String message) {}

  /**
   * Asks the API process (the registry's owner) to requeue dead-lettered jobs as new attempts and
   * waits for its answers. A job that is not in the dead-letter queue is refused here, without a
   * request.
   *
   * @param jobId one job, or empty for every dead-lettered job
   * @param requestedBy who asks, for the audit trail
   * @param patience how long to wait for the API's answer to each request; unanswered requests
   *     stay and are applied when {@code bridge serve} runs again
   */
  public List<Requeued> requeue(Optional<String> jobId, String requestedBy, Duration patience) {
    java.util.Map<String, List<String>> dead = new java.util.LinkedHashMap<>();
    for (DeadLetter d : deadLetters(Integer.MAX_VALUE)) {
      d.jobId().ifPresent(j -> dead.computeIfAbsent(j, k -> new ArrayList<>()).add(d.entryId()));
    }
    List<String> jobs = jobId.map(List::of).orElseGet(() -> List.copyOf(dead.keySet()));
    List<Requeued> out = new ArrayList<>();
    java.util.Map<String, String> requests = new java.util.LinkedHashMap<>();
    for (String job : jobs) {
      List<String> entries = dead.get(job);
      if (entries == null) {
        out.add(new Requeued(job, false, "job " + job + " is not in the dead-letter queue ('bridge queue dead' lists it); nothing changed"));
        continue;
      }
      String request = java.util.UUID.randomUUID().toString();
      broker.call("send a requeue request", redis -> redis.xadd(keys.requeue(), java.util.Map.of(
          "job", RedisJobBackend.bytes(job), "entries", RedisJobBackend.bytes(String.join(",", entries)),
          "by", RedisJobBackend.bytes(requestedBy), "request", RedisJobBackend.bytes(request))));
      requests.put(job, request);
    }
    long deadline = System.nanoTime() + patience.toNanos();
    for (java.util.Map.Entry<String, String> r : requests.entrySet()) {
      // Polled, not BLPOP: a blocking read would outlast the connection's command timeout.
      String answer = null;
      while (answer == null && System.nanoTime() < deadline) {
        byte[] popped = broker.call("wait for the API's answer", redis -> redis.lpop(keys.requeueAnswer(r.getValue())));
        if (popped != null) {
          answer = text(popped);
        } else {
          RedisJobBackend.sleep(Duration.ofMillis(100));
        }
      }
      if (answer == null) {
        out.add(new Requeued(r.getKey(), false, "no answer from the API within " + patience.toSeconds()
            + " s: is 'bridge serve' running? The request stays and is applied when it runs"));
      } else {
        boolean requeued = answer.startsWith("requeued ");
        out.add(new Requeued(r.getKey(), requeued, answer.substring(answer.indexOf(' ') + 1)));
      }
    }
    return out;
  }

  @Override
  public long purgeDeadLetters() {
    return broker.call("purge dead letters", redis -> redis.del(keys.dead()));
  }

  @Override
  public void drain(boolean draining) {
    broker.call(draining ? "drain the queue" : "resume the queue", redis -> draining
        ? redis.set(keys.paused(), RedisJobBackend.bytes(clock.instant().toString()))
        : redis.del(keys.paused()));
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    broker.close();
  }
}
