package io.mcpbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the console's browser test ({@code src/test/browser/console.test.mjs}: Playwright driving
 * Debian's Chromium, axe-core on every page) after {@code scripts/browser-tools.sh} has made sure
 * Chromium and the npm packages are installed. Never skips: if they cannot be installed, the
 * caller's test fails with the script's explanation.
 */
final class ConsoleBrowser {
  static final Path DIR = Path.of("src", "test", "browser").toAbsolutePath();
  private static final Path TOOLS = Path.of("..", "scripts", "browser-tools.sh").toAbsolutePath().normalize();
  private static final long INSTALL_TIMEOUT_MINUTES = 15;
  private static final long RUN_TIMEOUT_MINUTES = 6;

  /** What the script printed and how it ended. */
  record Outcome(int exitCode, JsonNode report, String output) {}

  private ConsoleBrowser() {}

  static Outcome run(Path work, Map<String, String> env) throws Exception {
    Files.createDirectories(work);
    Path installLog = work.resolve("browser-tools.log");
    Process install = new ProcessBuilder(TOOLS.toString()).redirectErrorStream(true)
        .redirectOutput(installLog.toFile()).start();
    if (!install.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      install.destroyForcibly();
      throw new IllegalStateException("installing Chromium and the npm packages took too long: " + Files.readString(installLog));
    }
    if (install.exitValue() != 0) {
      throw new IllegalStateException("Chromium or the npm packages could not be installed (scripts/browser-tools.sh exit "
          + install.exitValue() + "): " + Files.readString(installLog));
    }
    Path out = work.resolve("browser-test.out");
    ProcessBuilder pb = new ProcessBuilder(List.of("node", "console.test.mjs")).directory(DIR.toFile())
        .redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().putAll(env);
    Process test = pb.start();
    if (!test.waitFor(RUN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      test.destroyForcibly();
      throw new IllegalStateException("the browser test did not finish: " + Files.readString(out));
    }
    String output = Files.readString(out);
    JsonNode report = null;
    List<String> lines = output.lines().filter(l -> l.startsWith("{")).toList();
    if (!lines.isEmpty()) {
      report = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }
    return new Outcome(test.exitValue(), report, output);
  }
}
