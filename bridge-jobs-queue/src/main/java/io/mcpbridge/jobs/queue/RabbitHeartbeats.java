package io.mcpbridge.jobs.queue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Worker heartbeats on RabbitMQ: the small text record a worker publishes on the heartbeats
 * exchange ({@code worker\nrunningJobId,runningJobId,...}), and what a reader remembers of them.
 * A worker is live while its last heartbeat is younger than the lease; a job is leased while a
 * live worker lists it. Thread-safe.
 */
final class RabbitHeartbeats {
  private final Duration lease;
  private final Map<String, Seen> workers = new ConcurrentHashMap<>();

  private record Seen(Instant at, Set<String> jobs) {}

  RabbitHeartbeats(Duration lease) {
    this.lease = lease;
  }

  static byte[] encode(String workerId, Collection<String> runningJobs) {
    return (workerId + "\n" + String.join(",", runningJobs)).getBytes(StandardCharsets.UTF_8);
  }

  /** Remembers a heartbeat received now; ignores unreadable ones. */
  void received(byte[] body, Instant now) {
    String text = new String(body, StandardCharsets.UTF_8);
    int newline = text.indexOf('\n');
    if (newline <= 0) {
      return;
    }
    String jobs = text.substring(newline + 1);
    workers.put(text.substring(0, newline), new Seen(now, jobs.isEmpty() ? Set.of() : Set.of(jobs.split(","))));
    if (workers.size() > 64) { // workers come and go (one id per process): forget the long gone
      workers.values().removeIf(seen -> Duration.between(seen.at(), now).compareTo(lease.multipliedBy(10)) > 0);
    }
  }

  /** Ids of the workers heard from within the lease, sorted. */
  List<String> live(Instant now) {
    List<String> out = new ArrayList<>();
    workers.forEach((id, seen) -> {
      if (Duration.between(seen.at(), now).compareTo(lease) < 0) {
        out.add(id);
      }
    });
    out.sort(null);
    return out;
  }

  boolean leased(String jobId, Instant now) {
    return workers.values().stream().anyMatch(s -> s.jobs().contains(jobId)
        && Duration.between(s.at(), now).compareTo(lease) < 0);
  }

  long runningJobs(Instant now) {
    return workers.values().stream().filter(s -> Duration.between(s.at(), now).compareTo(lease) < 0)
        .mapToLong(s -> s.jobs().size()).sum();
  }
}
