package io.mcpbridge.http;

import io.javalin.Javalin;
import java.util.concurrent.ExecutorService;

/** A started HTTP server. Closing it stops accepting requests and releases the port. */
public final class RunningServer implements AutoCloseable {
  private final Javalin javalin;
  private final ExecutorService background;

  RunningServer(Javalin javalin, ExecutorService background) {
    this.javalin = javalin;
    this.background = background;
  }

  /** The bound port (useful when configured as 0). */
  public int port() {
    return javalin.port();
  }

  @Override
  public void close() {
    javalin.stop();
    background.shutdownNow();
  }
}
