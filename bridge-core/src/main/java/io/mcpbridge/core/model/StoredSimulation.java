package io.mcpbridge.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One revision of a loaded simulation. Revisions are immutable; setting a parameter stores the next.
 *
 * @param id simulation id
 * @param revision 1 for the loaded file, +1 per change
 * @param spec what runs
 * @param owner subject that created the revision
 * @param createdAt when
 */
public record StoredSimulation(SimulationId id, int revision, SimulationSpec spec, String owner, Instant createdAt) {
  public StoredSimulation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(createdAt, "createdAt");
    if (revision < 1) {
      throw new IllegalArgumentException("revision starts at 1");
    }
  }
}
