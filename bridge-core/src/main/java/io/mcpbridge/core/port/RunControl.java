package io.mcpbridge.core.port;

import io.mcpbridge.core.error.RunCancelledException;
import io.mcpbridge.core.error.TimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Lets the caller of a long computation stop it and follow it. The computation calls
 * {@link #checkpoint} regularly (the engine: once per integrator step), so cancellation and
 * deadlines take effect within a bounded amount of work.
 *
 * @param cancellationRequested polled at every checkpoint; true stops the run
 * @param deadline the instant after which the run is abandoned, if any
 * @param progress receives (simulated time, end time) at checkpoints
 * @param clock the clock the deadline is measured with
 */
public record RunControl(
    BooleanSupplier cancellationRequested,
    Optional<Instant> deadline,
    ProgressListener progress,
    Clock clock) {
  public RunControl {
    Objects.requireNonNull(cancellationRequested, "cancellationRequested");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(clock, "clock");
  }

  /** No cancellation, no deadline, no progress. */
  public static RunControl unbounded() {
    return new RunControl(() -> false, Optional.empty(), ProgressListener.NONE, Clock.systemUTC());
  }

  /**
   * Called by the computation at safe points.
   *
   * @param done progress so far (simulated time)
   * @param total end of the work (end time)
   * @throws RunCancelledException if cancellation was requested
   * @throws TimeoutException if the deadline has passed
   */
  public void checkpoint(double done, double total) {
    if (cancellationRequested.getAsBoolean()) {
      throw new RunCancelledException("run cancelled at simulated time " + done);
    }
    if (deadline.isPresent() && clock.instant().isAfter(deadline.get())) {
      throw new TimeoutException("run exceeded its deadline at simulated time " + done + " of " + total);
    }
    progress.onProgress(done, total);
  }
}
