package io.mcpbridge.core.port;

/**
 * Receives progress of a long computation. Called on the computing thread; implementations must
 * be fast and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores progress. */
  ProgressListener NONE = (done, total) -> { };

  /**
   * Reports progress.
   *
   * @param done how far the work is, e.g. simulated time in minutes
   * @param total where it ends, e.g. the end time in minutes
   */
  void onProgress(double done, double total);
}
