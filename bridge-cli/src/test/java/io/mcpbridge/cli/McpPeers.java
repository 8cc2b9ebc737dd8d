package io.mcpbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real MCP clients the bridge is tested against (MCP Inspector CLI, the bridge's TypeScript SDK
 * client), run through {@code scripts/mcp-peers.sh}, which installs them on first use. An install
 * that fails (no npm, registry unreachable) fails the test with the script's explanation.
 */
final class McpPeers {
  static final Path SCRIPT = Path.of("..", "scripts", "mcp-peers.sh").toAbsolutePath().normalize();
  private static final long INSTALL_TIMEOUT_SECONDS = 600;
  private static final long RUN_TIMEOUT_SECONDS = 240;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static boolean installed;

  private McpPeers() {}

  /** What a peer printed and how it ended. */
  record Outcome(int exitCode, String stdout, String stderr) {
    /** The last JSON line the client printed (its summary). */
    JsonNode summary() throws IOException {
      List<String> lines = stdout.lines().filter(l -> l.startsWith("{")).toList();
      if (lines.isEmpty()) {
        throw new IllegalStateException("the client printed no summary; stderr: " + stderr);
      }
      return JSON.readTree(lines.get(lines.size() - 1));
    }

    /** Lines of stdout that are JSON objects, parsed. */
    List<JsonNode> steps() throws IOException {
      List<JsonNode> steps = new ArrayList<>();
      for (String line : stdout.lines().filter(l -> l.startsWith("{")).toList()) {
        steps.add(JSON.readTree(line));
      }
      return steps;
    }

    String describe() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  /** Installs the pinned peers once per JVM. */
  static synchronized void ensureInstalled(Path work) throws Exception {
    if (installed) {
      return;
    }
    Outcome outcome = run(work, Map.of(), INSTALL_TIMEOUT_SECONDS, "install");
    if (outcome.exitCode() != 0) {
      throw new IllegalStateException("cannot install the MCP peers with " + SCRIPT + ": " + outcome.describe());
    }
    installed = true;
  }

  /** The bridge's TypeScript SDK client ({@code scripts/mcp-client.mjs}) with {@code env} added. */
  static Outcome client(Path work, Map<String, String> env, String... args) throws Exception {
    ensureInstalled(work);
    return run(work, env, RUN_TIMEOUT_SECONDS, concat("client", args));
  }

  /** The bridge's 2026-era client on TypeScript SDK 2.x ({@code scripts/mcp-client-modern.mjs}). */
  static Outcome modernClient(Path work, Map<String, String> env, String... args) throws Exception {
    ensureInstalled(work);
    return run(work, env, RUN_TIMEOUT_SECONDS, concat("client-modern", args));
  }

  /** The MCP Inspector in CLI mode. */
  static Outcome inspector(Path work, Map<String, String> env, String... args) throws Exception {
    ensureInstalled(work);
    return run(work, env, RUN_TIMEOUT_SECONDS, concat("inspector", args));
  }

  /** The java binary running this test (for the stdio server command line). */
  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static Outcome run(Path work, Map<String, String> env, long timeoutSeconds, String... args) throws Exception {
    Files.createDirectories(work);
    Path out = Files.createTempFile(work, "peer-out", ".txt");
    Path err = Files.createTempFile(work, "peer-err", ".txt");
    List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IllegalStateException("mcp-peers.sh " + args[0] + " did not finish in " + timeoutSeconds + " s: "
          + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        withoutNpmNoise(Files.readString(err, StandardCharsets.UTF_8)));
  }

  private static String withoutNpmNoise(String stderr) {
    return String.join("\n", stderr.lines().filter(l -> !l.startsWith("npm warn")).toList());
  }

  private static String[] concat(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
