package io.mcpbridge.core.population;

import java.util.Objects;

/**
 * An individual whose simulation failed while the rest of the population ran.
 *
 * @param individualId its {@code IndividualId}
 * @param reason what went wrong (solver failure, invalid value, …)
 */
public record IndividualFailure(int individualId, String reason) {
  public IndividualFailure {
    Objects.requireNonNull(reason, "reason");
  }
}
