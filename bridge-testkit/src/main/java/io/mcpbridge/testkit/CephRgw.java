package io.mcpbridge.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Ceph RADOS Gateway on 127.0.0.1 for integration tests: the S3 server that really enforces
 * Object Lock. Started once per test run (the first test class that uses it starts it through
 * {@code scripts/ceph-rgw.sh start}; the end of the run stops it and removes its data under
 * {@code target/ceph-rgw}). Never skips: if the gateway cannot be started, every test using it fails
 * with the script's reason.
 *
 * <p>Use with {@code @ExtendWith(CephRgw.class)} and read the endpoint and the throwaway
 * credentials through {@link #running()}.
 */
public final class CephRgw implements BeforeAllCallback {
  private static final String SCRIPT = "scripts/ceph-rgw.sh";
  private static volatile Gateway gateway;

  /** A started gateway: endpoint and its throwaway credentials. */
  public record Gateway(URI endpoint, String accessKey, String secretKey, String region) {}

  /** The running gateway. */
  public static Gateway running() {
    Gateway g = gateway;
    if (g == null) {
      throw new IllegalStateException("the Ceph RGW is not started: annotate the test class with @ExtendWith(CephRgw.class)");
    }
    return g;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (CephRgw.class) {
      if (gateway != null) {
        return;
      }
      Path moduleDir = Path.of("").toAbsolutePath();
      Path script = findScript(moduleDir);
      Path dataDir = moduleDir.resolve("target/ceph-rgw");
      Map<String, String> env = Map.of("CEPH_RGW_DIR", dataDir.toString(),
          "CEPH_RGW_PORT", Integer.toString(freePort()), "CEPH_MON_PORT", Integer.toString(freePort()));
      Map<String, String> out = run(script, "start", env, moduleDir.resolve("target/ceph-rgw-start.log"));
      gateway = new Gateway(URI.create(out.get("AUDIT_S3_ENDPOINT")), out.get("AWS_ACCESS_KEY_ID"),
          out.get("AWS_SECRET_ACCESS_KEY"), out.getOrDefault("AWS_REGION", "us-east-1"));
      context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(CephRgw.class,
          (ExtensionContext.Store.CloseableResource) () -> {
            gateway = null;
            run(script, "stop", env, moduleDir.resolve("target/ceph-rgw-stop.log"));
          });
    }
  }

  private static Map<String, String> run(Path script, String verb, Map<String, String> env, Path log)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    Path stdout = Files.createTempFile(log.getParent(), "ceph-rgw", ".out");
    ProcessBuilder pb = new ProcessBuilder(List.of("bash", script.toString(), verb))
        .redirectOutput(stdout.toFile()).redirectError(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    // The first start on a fresh machine installs the Debian packages (about a minute).
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(SCRIPT + " " + verb + " did not finish in 10 minutes; see " + log);
    }
    String text = Files.readString(stdout, StandardCharsets.UTF_8);
    Files.deleteIfExists(stdout);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(SCRIPT + " " + verb + " failed (exit " + p.exitValue() + "): "
          + tail(Files.readString(log, StandardCharsets.UTF_8)));
    }
    Map<String, String> values = new HashMap<>();
    text.lines().filter(l -> l.contains("=")).forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    if (verb.equals("start") && !values.containsKey("AUDIT_S3_ENDPOINT")) {
      throw new IllegalStateException(SCRIPT + " start printed no endpoint: " + tail(text));
    }
    return values;
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }

  private static Path findScript(Path from) {
    for (Path dir = from; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SCRIPT))) {
        return dir.resolve(SCRIPT);
      }
    }
    throw new IllegalStateException(SCRIPT + " not found above " + from);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
