package io.mcpbridge.cli;

import io.mcpbridge.core.port.ProgressListener;
import java.io.PrintWriter;

/** A one-line progress bar of individuals done on a terminal, redrawn at most ten times a second. */
final class PopulationProgressBar implements ProgressListener {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private long lastDrawn;
  private boolean drawn;

  PopulationProgressBar(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void onProgress(double done, double total) {
    long now = System.nanoTime();
    if (drawn && now - lastDrawn < REDRAW_NANOS && done < total) {
      return;
    }
    lastDrawn = now;
    drawn = true;
    double fraction = total > 0 ? Math.min(1, done / total) : 1;
    int filled = (int) Math.floor(fraction * WIDTH);
    err.printf("\r[%s%s] %3d %% %d/%d individuals", "#".repeat(filled), ".".repeat(WIDTH - filled),
        (int) Math.floor(100 * fraction), (long) done, (long) total);
    err.flush();
  }

  /** Ends the progress line. */
  synchronized void finish() {
    if (drawn) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
