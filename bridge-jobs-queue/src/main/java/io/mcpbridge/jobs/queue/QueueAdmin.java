package io.mcpbridge.jobs.queue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code bridge queue} shows and does on the broker: depth and age, dead letters, draining
 * (workers take no new messages; running ones finish). Not thread-safe: one command at a time.
 */
public interface QueueAdmin extends AutoCloseable {

  /**
   * The state of the queue.
   *
   * @param waiting messages waiting for a worker (Redis: also those taken and not finished)
   * @param running messages taken by a worker and not yet acknowledged
   * @param delayed retries waiting for their due time
   * @param dead dead-lettered messages
   * @param oldestAge age of the oldest waiting message, if any and if the broker can tell
   * @param workers ids of the workers with a current heartbeat
   * @param draining true while workers take no new messages
   */
  record Stats(long waiting, long running, long delayed, long dead, Optional<Duration> oldestAge,
      List<String> workers, boolean draining) {}

  /**
   * A dead-lettered message.
   *
   * @param entryId its id in the dead-letter queue
   * @param jobId the job, if the message could be read
   * @param reason why it was dead-lettered
   * @param at when
   */
  record DeadLetter(String entryId, Optional<String> jobId, String reason, String at) {}

  /** The queue's state now. */
  Stats stats();

  /** Up to {@code limit} dead letters, oldest first, left in place. */
  List<DeadLetter> deadLetters(int limit);

  /** Deletes the dead letters (after they were inspected); returns how many messages (Redis: streams) went. */
  long purgeDeadLetters();

  /** Makes workers stop taking new messages (running ones finish), or take them again. */
  void drain(boolean draining);

  @Override
  void close();
}
