package io.mcpbridge.core.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of verifying a trail.
 *
 * @param failure the first failure, empty when the trail is intact
 * @param recordsChecked how many records were checked
 * @param firstSequence sequence of the first record checked (0 if none)
 * @param lastSequence sequence of the last record checked (0 if none)
 * @param headHash hash of the last record checked
 * @param checkpointsChecked how many signed checkpoints were checked
 * @param closedCleanly true when the newest checkpoint is a clean close attesting the last record
 * @param unanchoredRecords records after the newest checkpoint (a crash or a still-open trail)
 * @param notes observations that are not failures (unanchored tail, torn lines, skipped checks)
 */
public record ChainVerdict(
    Optional<ChainFailure> failure,
    long recordsChecked,
    long firstSequence,
    long lastSequence,
    String headHash,
    int checkpointsChecked,
    boolean closedCleanly,
    long unanchoredRecords,
    List<String> notes) {
  public ChainVerdict {
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(headHash, "headHash");
    notes = List.copyOf(notes);
  }

  /** True when no failure was found. */
  public boolean intact() {
    return failure.isEmpty();
  }
}
