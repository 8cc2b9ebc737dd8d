package io.mcpbridge.core.port;

import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Follows a job: delivers its events after a given sequence number, in order, until the terminal
 * state event. The one way the edges (event streams, MCP progress, the command line) watch a job.
 * The {@link JobRegistry} is the source of truth, so a follower resumes from any sequence number
 * and sees events written by other processes; in-process change notices ({@link JobWatch}) only
 * make delivery prompt. Thread-safe.
 */
public interface JobFollower {

  /**
   * Waits until the job has events after {@code afterSequence} and returns them, in order, up to
   * and including a terminal state event (nothing after it).
   *
   * @param timeout how long to wait for the first event
   * @return the events; empty if none arrived within {@code timeout}
   * @throws InterruptedException if the waiting thread is interrupted
   */
  List<JobEvent> await(JobId id, long afterSequence, Duration timeout) throws InterruptedException;

  /**
   * Pushes the job's events after {@code afterSequence} to {@code subscriber} on {@code deliverOn},
   * one at a time and in order, until the terminal state event or until the returned handle is
   * closed.
   *
   * @param deliverOn the caller's threads; deliveries of one subscription never overlap
   * @return a handle that stops the delivery (then {@link Subscriber#onEnd} is not called)
   * @throws java.util.concurrent.RejectedExecutionException if {@code deliverOn} takes no more tasks
   *     (nothing is left subscribed then)
   */
  AutoCloseable subscribe(JobId id, long afterSequence, Subscriber subscriber, ScheduledExecutorService deliverOn);

  /** Receives a followed job's events. */
  interface Subscriber {
    /**
     * One event, in sequence order. Throwing ends the subscription with that failure.
     *
     * @throws Exception when the event cannot be passed on (e.g. the client went away)
     */
    void onEvent(JobEvent event) throws Exception;

    /**
     * Called once when the subscription ends by itself: after the terminal state event (empty), or
     * because reading the events or {@link #onEvent} failed.
     */
    void onEnd(Optional<Exception> failure);
  }

  /** Whether an event ends a job's stream: a transition into a terminal state. */
  static boolean isTerminal(JobEvent event) {
    return event.type() == JobEvent.Type.STATE && event.state().isTerminal();
  }
}
