package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.StoredResult;
import io.mcpbridge.core.port.JobRegistry;

/** Looks up stored results with a clear error. */
final class Results {
  private Results() {}

  static StoredResult find(JobRegistry registry, String resultsId) {
    return registry.findResult(SimulationIds.result(resultsId))
        .orElseThrow(() -> new NotFoundException("no result " + resultsId + " (results expire after JOB_RETENTION_SECONDS)"));
  }
}
