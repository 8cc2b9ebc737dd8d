package io.mcpbridge.metrics;

import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.port.AuthMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every metric name the product can export, found by reporting through every listener and scraping. */
final class ExportedNames {
  private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

  private ExportedNames() {}

  static Set<String> all() {
    try (PrometheusMetrics m = PrometheusMetrics.withProcessMetrics()) {
      m.requests().toolCalled("t", "rest", "ok", "none", Duration.ofMillis(1));
      m.requests().httpRequest("GET", "/health", 200, Duration.ofMillis(1));
      m.jobs().submitted();
      m.jobs().started(Duration.ZERO);
      m.jobs().finished(JobState.SUCCEEDED, "none", Duration.ZERO);
      m.jobs().retried("x");
      m.jobs().deadLettered();
      m.jobs().observe(s -> 0);
      m.engine().runCompleted(new RunStatistics(1, 1, 1, 0, 0, Duration.ZERO));
      m.engine().runFailed("x");
      m.audit().appended(1, Duration.ZERO);
      m.audit().appendFailed(1);
      m.audit().observe(() -> true, () -> 0);
      m.auth().refused(AuthMetrics.Reason.EXPIRED);
      m.auth().rateLimited("address");
      m.queue().observe(() -> 0, () -> 0, () -> 0, () -> true);
      m.queue().redelivered();
      m.queue().leaseExpired();
      m.queue().reconciled("requeued");
      m.queue().published(Duration.ZERO);
      m.worker().observe(() -> 0, () -> 1, () -> 1, () -> 0);
      m.worker().processed("worker-a", "succeeded");
      Matcher matcher = SAMPLE.matcher(new String(m.scrape(null).body(), StandardCharsets.UTF_8));
      Set<String> names = new TreeSet<>();
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
      return names;
    }
  }

  /** The metric names a PromQL text refers to: {@code bridge_…}, {@code jvm_…}, {@code process_…}, {@code up}. */
  static Set<String> referencedIn(String promql) {
    Matcher matcher = Pattern.compile("\\b((?:bridge|jvm|process|system)_[a-z0-9_]+)").matcher(promql);
    Set<String> names = new TreeSet<>();
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** The repository root, found by walking up from the working directory. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("deploy").resolve("prometheus"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no deploy/prometheus above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
