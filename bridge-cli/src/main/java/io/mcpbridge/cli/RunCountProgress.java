package io.mcpbridge.cli;

import io.mcpbridge.core.port.ProgressListener;
import java.io.PrintWriter;

/** A one-line "runs done of total" display on a terminal; safe to call from several threads. */
final class RunCountProgress implements ProgressListener {
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final String label;
  private long lastDrawn;
  private boolean drawn;

  RunCountProgress(PrintWriter err, String label) {
    this.err = err;
    this.label = label;
  }

  @Override
  public synchronized void onProgress(double done, double total) {
    long now = System.nanoTime();
    if (drawn && done < total && now - lastDrawn < REDRAW_NANOS) {
      return;
    }
    lastDrawn = now;
    drawn = true;
    int percent = total > 0 ? (int) Math.min(100, Math.floor(100 * done / total)) : 100;
    err.printf("\r%s: %3d %% (%d of %d runs)", label, percent, (long) done, (long) total);
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
