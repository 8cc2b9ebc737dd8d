package io.mcpbridge.jobs.queue;

import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobMessage;

/**
 * The Redis keys of one deployment (all under its prefix):
 * <ul>
 *   <li>{@code P:jobs} — stream of job messages, consumer group {@code workers};
 *   <li>{@code P:delayed} — sorted set of messages waiting for their due time (retries), score = due epoch ms;
 *   <li>{@code P:reports} — stream of worker reports back to the API, consumer group {@code api};
 *   <li>{@code P:dead} — stream of dead-lettered messages with their reason;
 *   <li>{@code P:queued:ID} — present while a message of the job waits in the broker;
 *   <li>{@code P:lease:ID} — held (with a time to live) by the worker running the job, or by any
 *       worker running one of its chunks;
 *   <li>{@code P:lease:ID#N} — held by the worker running chunk N of a job split into chunks;
 *   <li>{@code P:cancel:ID} — the job was cancelled (the control channel workers poll);
 *   <li>{@code P:worker:WORKER} — a live worker's heartbeat;
 *   <li>{@code P:paused} — present while the queue is drained (workers take no new messages);
 *   <li>{@code P:requeue} — stream of operators' requests to requeue dead-lettered jobs, applied by the API;
 *   <li>{@code P:requeue-answer:REQUEST} — list where the API answers one request (expires after a minute).
 * </ul>
 */
record QueueKeys(String prefix) {
  static final String WORKERS_GROUP = "workers";
  static final String API_GROUP = "api";

  String jobs() {
    return prefix + ":jobs";
  }

  String delayed() {
    return prefix + ":delayed";
  }

  String reports() {
    return prefix + ":reports";
  }

  String dead() {
    return prefix + ":dead";
  }

  String queued(JobId id) {
    return prefix + ":queued:" + id.value();
  }

  String lease(JobId id) {
    return prefix + ":lease:" + id.value();
  }

  /** The key a worker must hold to run this message: the job's, or its chunk's. */
  String lock(JobMessage m) {
    return m.chunk().map(c -> lease(m.jobId()) + "#" + c.index()).orElse(lease(m.jobId()));
  }

  String cancel(JobId id) {
    return prefix + ":cancel:" + id.value();
  }

  String worker(String workerId) {
    return prefix + ":worker:" + workerId;
  }

  String paused() {
    return prefix + ":paused";
  }

  String requeue() {
    return prefix + ":requeue";
  }

  String requeueAnswer(String requestId) {
    return prefix + ":requeue-answer:" + requestId;
  }

  String workerPattern() {
    return prefix + ":worker:*";
  }
}
