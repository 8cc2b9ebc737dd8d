package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.IdempotencyKey;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobRequest;
import io.mcpbridge.core.model.Sha256;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.ToolContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How a tool queues a job: the attempt limits checked, the caller's idempotency key bound to the
 * arguments, the job stored as queued (or the earlier job of the same key returned) and handed to
 * the backend once. Shared by the tools that start runs, so they agree on limits and on what a
 * repeated key means.
 */
final class JobSubmission {
  private static final long MAX_TIMEOUT_SECONDS = 604_800;
  private static final int MAX_RETRIES = 10;

  private final JobRegistry registry;
  private final JobBackend backend;
  private final Clock clock;

  JobSubmission(JobRegistry registry, JobBackend backend, Clock clock) {
    this.registry = registry;
    this.backend = backend;
    this.clock = clock;
  }

  /**
   * An attempt's time limit and retries, as given or by default.
   *
   * @param timeoutSeconds 1 s to a week
   * @param retries 0-10
   */
  record Limits(long timeoutSeconds, int retries) {
    static Limits of(Optional<Long> timeoutSeconds, Optional<Integer> retries, Duration defaultTimeout,
        int defaultRetries) {
      long timeout = timeoutSeconds.orElse(defaultTimeout.toSeconds());
      int r = retries.orElse(defaultRetries);
      if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
        throw new InvalidInputException("timeoutSeconds must be 1-" + MAX_TIMEOUT_SECONDS);
      }
      if (r < 0 || r > MAX_RETRIES) {
        throw new InvalidInputException("maxRetries must be 0-" + MAX_RETRIES);
      }
      return new Limits(timeout, r);
    }
  }

  /**
   * The stored job.
   *
   * @param deduplicated true if an earlier submission with the same idempotency key was returned
   */
  record Submitted(Job job, boolean deduplicated) {}

  /**
   * Stores and submits a job of the caller.
   *
   * @param givenKey the idempotency key from the arguments; else the context's (header)
   * @param arguments the request as sent, hashed into the key so a reused key with other
   *     arguments is a conflict
   * @param request what the job does besides a plain run; empty for a simulation run
   */
  Submitted submit(ToolContext context, Optional<String> givenKey, String arguments, StoredSimulation sim,
      Limits limits, Optional<JobRequest> request) {
    String owner = context.principal().subject();
    Optional<IdempotencyKey> key;
    try {
      key = givenKey.or(context::idempotencyKey).map(k -> new IdempotencyKey(owner, k, Sha256.hex(arguments)));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage());
    }
    Job fresh = Job.queued(JobId.random(), owner, sim.id(), sim.revision(), limits.retries(),
        Duration.ofSeconds(limits.timeoutSeconds()), clock.instant());
    Job stored = request.isPresent() ? registry.createJob(fresh, key, request.get()) : registry.createJob(fresh, key);
    boolean deduplicated = !stored.id().equals(fresh.id());
    if (!deduplicated) {
      backend.submit(stored.id(), stored.timeout(), Duration.ZERO);
    }
    return new Submitted(stored, deduplicated);
  }
}
