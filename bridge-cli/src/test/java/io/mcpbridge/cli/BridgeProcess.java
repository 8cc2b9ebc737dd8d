package io.mcpbridge.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code bridge.jar} as a real process with a controlled environment. */
final class BridgeProcess {
  static final Path JAR = Path.of("target", "bridge.jar").toAbsolutePath();

  private BridgeProcess() {}

  record Outcome(int exitCode, String stdout, String stderr) {}

  static ProcessBuilder builder(Path workDir, Map<String, String> env, String... args) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: integration tests run after `package`");
    }
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().putAll(env);
    return pb;
  }

  static Outcome run(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    Process p = builder(workDir, env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("bridge " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
