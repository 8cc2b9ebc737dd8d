package io.mcpbridge.jobs.queue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A redis-server of its own on a free loopback port, without persistence, that a test may stop and restart. */
final class ThrowawayRedis implements AutoCloseable {
  final int port;
  private final Path dir;
  private Process process;

  private ThrowawayRedis(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  static ThrowawayRedis start(Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ThrowawayRedis redis = new ThrowawayRedis(port, dir);
    redis.startAgain();
    return redis;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts the server (empty: nothing was persisted). */
  void startAgain() throws Exception {
    process = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(port),
        "--save", "", "--appendonly", "no", "--dir", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(20);
      }
    }
    throw new IllegalStateException("redis-server did not start on port " + port);
  }

  /** Stops the server; its data is gone. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      stop();
    }
  }
}
