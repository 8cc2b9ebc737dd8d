package io.mcpbridge.http;

import io.javalin.Javalin;

/** A started HTTP server. Closing it stops accepting requests and releases the port. */
public final class RunningServer implements AutoCloseable {
  private final Javalin javalin;

  RunningServer(Javalin javalin) {
    this.javalin = javalin;
  }

  /** The bound port (useful when configured as 0). */
  public int port() {
    return javalin.port();
  }

  @Override
  public void close() {
    javalin.stop();
  }
}
