package io.mcpbridge.jobs.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bridge queue} on RabbitMQ, without the management plugin: depths come from passive
 * queue declarations, live workers and running jobs from listening to heartbeats for two beats.
 * The age of the oldest waiting job is not reported (reading it would take the message and count
 * a delivery against its budget). Dead letters are read and returned to their queue unchanged.
 */
public final class RabbitQueueAdmin implements QueueAdmin {
  private final RabbitBroker broker;
  private final RabbitTopology topology;
  private final QueueSettings settings;
  private final Clock clock;

  private RabbitQueueAdmin(RabbitBroker broker, QueueSettings settings, Clock clock) {
    this.broker = broker;
    this.topology = broker.topology;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Connects to the broker.
   *
   * @throws io.mcpbridge.core.error.BackendUnavailableException if it cannot be reached
   */
  public static RabbitQueueAdmin connect(QueueSettings settings, Clock clock) {
    return new RabbitQueueAdmin(RabbitBroker.connect(settings, "bridge-queue-admin"), settings, clock);
  }

  @Override
  public Stats stats() {
    RabbitHeartbeats heard = listenToHeartbeats();
    long waiting = Math.max(0, broker.depth(topology.jobs()));
    long delayed = 0;
    for (Duration bucket : RabbitTopology.DELAY_BUCKETS) {
      delayed += Math.max(0, broker.depth(topology.delay(bucket)));
    }
    long dead = Math.max(0, broker.depth(topology.dead()));
    boolean draining = broker.depth(topology.paused()) >= 0;
    return new Stats(waiting, heard.runningJobs(clock.instant()), delayed, dead, Optional.empty(),
        heard.live(clock.instant()), draining);
  }

  private RabbitHeartbeats listenToHeartbeats() {
    RabbitHeartbeats heard = new RabbitHeartbeats(settings.lease());
    long listen = RabbitWorker.beat(settings).multipliedBy(2).plusMillis(200).toNanos();
    return broker.call("listen to worker heartbeats", ch -> {
      String queue = ch.queueDeclare("", false, true, true, null).getQueue();
      ch.queueBind(queue, topology.heartbeats(), "");
      long end = System.nanoTime() + listen;
      while (System.nanoTime() < end) {
        GetResponse r = ch.basicGet(queue, true);
        if (r == null) {
          Thread.sleep(20);
        } else {
          heard.received(r.getBody(), clock.instant());
        }
      }
      return heard;
    });
  }

  @Override
  public List<DeadLetter> deadLetters(int limit) {
    // Taken without acknowledgement and returned when the channel closes: looking changes nothing.
    return broker.call("read dead letters", ch -> {
      List<DeadLetter> out = new ArrayList<>();
      GetResponse r;
      while (out.size() < limit && (r = ch.basicGet(topology.dead(), false)) != null) {
        out.add(deadLetter(r));
      }
      return out;
    });
  }

  private static DeadLetter deadLetter(GetResponse r) {
    AMQP.BasicProperties props = r.getProps();
    Map<String, Object> headers = props.getHeaders() == null ? Map.of() : props.getHeaders();
    Optional<String> job;
    try {
      job = Optional.of(io.mcpbridge.core.jobs.JobMessageCodec.decode(new String(r.getBody(), StandardCharsets.UTF_8))
          .jobId().value());
    } catch (io.mcpbridge.core.jobs.MalformedJobMessageException e) {
      job = Optional.empty();
    }
    String reason = headers.containsKey("reason") ? String.valueOf(headers.get("reason"))
        : headers.containsKey("x-first-death-reason") ? "dead-lettered by the broker: " + headers.get("x-first-death-reason")
        : "dead-lettered";
    String at = headers.containsKey("at") ? String.valueOf(headers.get("at")) : "";
    return new DeadLetter(props.getMessageId() == null ? "-" : props.getMessageId(), job, reason, at);
  }

  @Override
  public long purgeDeadLetters() {
    return broker.call("purge dead letters", ch -> (long) ch.queuePurge(topology.dead()).getMessageCount());
  }

  @Override
  public void drain(boolean draining) {
    broker.call(draining ? "drain the queue" : "resume the queue", ch -> draining
        ? ch.queueDeclare(topology.paused(), true, false, false, null)
        : ch.queueDelete(topology.paused()));
  }

  @Override
  public void close() {
    broker.close();
  }
}
