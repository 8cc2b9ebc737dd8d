package io.mcpbridge.testkit;

import io.mcpbridge.core.error.ConflictException;
import io.mcpbridge.core.model.IdempotencyKey;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobState;
import java.util.Optional;

/** Preconditions of {@code JobRegistry.createJob} shared by the in-memory registry. */
final class NewJobRules {
  private NewJobRules() {}

  static void check(Job job, Optional<IdempotencyKey> key) {
    if (job.state() != JobState.QUEUED) {
      throw new IllegalArgumentException("a new job must be queued, not " + job.state().wireName());
    }
    if (key.isPresent() && !key.get().owner().equals(job.owner())) {
      throw new IllegalArgumentException("an idempotency key belongs to the job's owner");
    }
  }

  static ConflictException keyReusedWithOtherArguments() {
    return new ConflictException("idempotency key was already used with different arguments");
  }
}
