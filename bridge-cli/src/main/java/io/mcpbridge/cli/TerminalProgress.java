package io.mcpbridge.cli;

import io.mcpbridge.core.port.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-line progress display on a terminal, redrawn at most ten times a second. */
final class TerminalProgress implements ProgressListener {
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private long lastDrawn;
  private boolean drawn;

  TerminalProgress(PrintWriter err) {
    this.err = err;
  }

  /**
   * True if standard error is a terminal. Java has no direct test for stderr; on Linux its file
   * descriptor names the device, elsewhere a console means an interactive session.
   */
  static boolean stderrIsTerminal() {
    Path fd = Path.of("/proc/self/fd/2");
    try {
      if (Files.exists(fd)) {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // fall through to the console test
    }
    return System.console() != null;
  }

  @Override
  public void onProgress(double done, double total) {
    long now = System.nanoTime();
    if (drawn && now - lastDrawn < REDRAW_NANOS) {
      return;
    }
    lastDrawn = now;
    drawn = true;
    int percent = total > 0 ? (int) Math.min(100, Math.floor(100 * done / total)) : 100;
    err.printf("\rsimulating: %3d %% (t = %.6g of %.6g min)", percent, done, total);
    err.flush();
  }

  /** Ends the progress line. */
  void finish() {
    if (drawn) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
