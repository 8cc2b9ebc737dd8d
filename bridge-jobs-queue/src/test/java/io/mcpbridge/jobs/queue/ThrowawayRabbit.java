package io.mcpbridge.jobs.queue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A rabbitmq-server node of its own, for tests that need a broker configured differently from the
 * machine's (TLS): its own node name, free AMQP(S) and distribution ports, data, logs, config and
 * Erlang cookie under the test's directory, no plugins. Started once per test class (an Erlang node
 * takes tens of seconds to boot on a loaded machine) and stopped with its whole process tree.
 */
final class ThrowawayRabbit implements AutoCloseable {
  private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
  final int port;
  private final Path dir;
  private final Process process;

  private ThrowawayRabbit(int port, Path dir, Process process) {
    this.port = port;
    this.dir = dir;
    this.process = process;
  }

  /** A throwaway CA and a server certificate for 127.0.0.1 and localhost, signed by it (openssl). */
  record Pki(Path caCert, Path serverCert, Path serverKey) {
    static Pki create(Path dir, String name) throws Exception {
      Files.createDirectories(dir);
      Path ca = dir.resolve(name + "-ca.pem");
      Path caKey = dir.resolve(name + "-ca.key");
      Path key = dir.resolve(name + "-server.key");
      Path csr = dir.resolve(name + "-server.csr");
      Path cert = dir.resolve(name + "-server.pem");
      Path ext = dir.resolve(name + "-ext.cnf");
      Files.writeString(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
      openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=bridge test CA " + name,
          "-keyout", caKey.toString(), "-out", ca.toString());
      openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", key.toString(),
          "-out", csr.toString());
      openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
          "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", cert.toString());
      return new Pki(ca, cert, key);
    }

    private static void openssl(Path dir, String... args) throws Exception {
      List<String> command = new ArrayList<>(List.of("openssl"));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("openssl.log").toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("openssl " + args[0] + " failed; see " + dir.resolve("openssl.log"));
      }
    }
  }

  /** Starts a node whose only listener is AMQPS on a free port, with {@code pki}'s server certificate. */
  static ThrowawayRabbit startTls(Path dir, Pki pki) throws Exception {
    int port = freePort();
    int distPort = freePort();
    Path conf = dir.resolve("rabbitmq.conf");
    Files.writeString(conf, String.join("\n",
        "listeners.tcp = none",
        "listeners.ssl.default = 127.0.0.1:" + port,
        "ssl_options.cacertfile = " + pki.caCert(),
        "ssl_options.certfile = " + pki.serverCert(),
        "ssl_options.keyfile = " + pki.serverKey(),
        "ssl_options.verify = verify_none",
        "ssl_options.fail_if_no_peer_cert = false",
        "loopback_users = none",
        "") );
    Path plugins = dir.resolve("enabled_plugins");
    Files.writeString(plugins, "[].\n");
    ProcessBuilder builder = new ProcessBuilder(SERVER.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("rabbitmq-server.log").toFile());
    Map<String, String> env = builder.environment();
    env.put("HOME", dir.toString()); // the node's own Erlang cookie
    env.put("RABBITMQ_NODENAME", "bridge-test-" + port + "@localhost");
    env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
    env.put("RABBITMQ_NODE_PORT", Integer.toString(freePort()));
    env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
    env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
    env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
    env.put("RABBITMQ_CONFIG_FILE", conf.toString());
    env.put("RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString());
    env.put("RABBITMQ_PID_FILE", dir.resolve("rabbit.pid").toString());
    Process process = builder.start();
    ThrowawayRabbit rabbit = new ThrowawayRabbit(port, dir, process);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("rabbitmq-server exited; see " + dir.resolve("rabbitmq-server.log"));
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return rabbit;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    rabbit.close();
    throw new IllegalStateException("rabbitmq-server did not listen on port " + port + " within 180 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
  }
}
