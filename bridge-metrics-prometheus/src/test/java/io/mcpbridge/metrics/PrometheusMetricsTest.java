package io.mcpbridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.port.AuthMetrics;
import io.mcpbridge.core.port.MetricsExposition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusMetricsTest {

  @Test
  void everyListenerShowsUpUnderItsPrometheusName() {
    try (PrometheusMetrics m = PrometheusMetrics.productOnly()) {
      m.requests().toolCalled("run_simulation", "rest", "ok", "none", Duration.ofMillis(30));
      m.requests().httpRequest("POST", "/run_simulation", 202, Duration.ofMillis(40));
      m.jobs().submitted();
      m.jobs().started(Duration.ofMillis(700));
      m.jobs().finished(JobState.FAILED, "SolverFailed", Duration.ofSeconds(3));
      m.jobs().retried("BackendUnavailable");
      m.engine().runCompleted(new RunStatistics(120, 300, 7, 2, 1, Duration.ofMillis(50)));
      m.engine().runFailed("SolverFailed");
      m.audit().appended(3, Duration.ofMillis(4));
      m.audit().appendFailed(2);
      m.audit().observe(() -> false, () -> 17);
      m.auth().refused(AuthMetrics.Reason.EXPIRED);
      m.auth().rateLimited("address");
      m.jobs().observe(state -> state == JobState.QUEUED ? 5 : 1);

      String text = scrape(m);

      assertThat(text).contains(
          "bridge_tool_call_duration_seconds_count{channel=\"rest\",error=\"none\",outcome=\"ok\",tool=\"run_simulation\"} 1",
          "bridge_http_server_requests_seconds_bucket{method=\"POST\",route=\"/run_simulation\",status=\"202\",le=\"0.05\"} 1",
          "bridge_jobs_submitted_total 1.0",
          "bridge_jobs_started_total 1.0",
          "bridge_job_queue_wait_seconds_bucket{le=\"1.0\"} 1",
          "bridge_jobs_finished_total{reason=\"SolverFailed\",state=\"failed\"} 1.0",
          "bridge_job_run_duration_seconds_count{state=\"failed\"} 1",
          "bridge_job_retries_total{reason=\"BackendUnavailable\"} 1.0",
          "bridge_engine_runs_total 1.0",
          "bridge_engine_steps_total 120.0",
          "bridge_engine_rhs_evaluations_total 300.0",
          "bridge_engine_jacobian_evaluations_total 7.0",
          "bridge_engine_solver_failures_total{reason=\"SolverFailed\"} 1.0",
          "bridge_audit_appends_total 3.0",
          "bridge_audit_append_failures_total 2.0",
          "bridge_audit_append_duration_seconds_bucket{le=\"0.005\"} 1",
          "bridge_audit_healthy 0.0",
          "bridge_audit_backlog 17.0",
          "bridge_auth_refusals_total{reason=\"expired\"} 1.0",
          "bridge_rate_limit_refusals_total{scope=\"address\"} 1.0",
          "bridge_jobs_active{state=\"queued\"} 5.0",
          "bridge_jobs_active{state=\"running\"} 1.0");
    }
  }

  @Test
  void queueAndWorkerSeriesAppearOnlyOnceReported() {
    try (PrometheusMetrics m = PrometheusMetrics.productOnly()) {
      assertThat(scrape(m)).doesNotContain("bridge_queue_", "bridge_worker");
      AtomicLong depth = new AtomicLong(4);
      m.queue().observe(depth::get, () -> 90, () -> 1, () -> true);
      m.worker().observe(() -> 1, () -> 2, () -> 3, () -> 4);
      m.worker().processed("worker-a", "succeeded");
      depth.set(6);
      assertThat(scrape(m)).contains("bridge_queue_depth 6.0", "bridge_queue_oldest_message_age_seconds 90.0",
          "bridge_queue_broker_up 1.0", "bridge_worker_busy_slots 1.0", "bridge_workers_live 3.0",
          "bridge_worker_heartbeat_age_seconds 4.0", "bridge_worker_jobs_processed_total{outcome=\"succeeded\",worker=\"worker-a\"} 1.0");
    }
  }

  @Test
  void aWorkerExportsTheBrokerStateButNotTheQueueDepthItDoesNotOwn() {
    try (PrometheusMetrics m = PrometheusMetrics.productOnly()) {
      m.queue().observeBroker(() -> false);
      m.worker().observeFleet(() -> 2, () -> 7);
      String text = scrape(m);
      assertThat(text).contains("bridge_queue_broker_up 0.0", "bridge_workers_live 2.0",
          "bridge_worker_heartbeat_age_seconds 7.0");
      assertThat(text).doesNotContain("bridge_queue_depth", "bridge_worker_busy_slots");
    }
  }

  @Test
  void openMetricsIsServedWhenAskedFor() {
    try (PrometheusMetrics m = PrometheusMetrics.productOnly()) {
      MetricsExposition.Scrape plain = m.scrape(null);
      MetricsExposition.Scrape open = m.scrape("application/openmetrics-text; version=1.0.0");
      assertThat(plain.contentType()).startsWith("text/plain; version=0.0.4");
      assertThat(open.contentType()).startsWith("application/openmetrics-text");
      assertThat(new String(open.body(), StandardCharsets.UTF_8)).endsWith("# EOF\n");
    }
  }

  @Test
  void theScrapeWithProcessMetricsPassesPromtool(@TempDir Path dir) throws Exception {
    try (PrometheusMetrics m = PrometheusMetrics.withProcessMetrics()) {
      m.requests().toolCalled("list_parameters", "mcp", "failed", "NotFound", Duration.ofMillis(3));
      m.jobs().observe(state -> 0);
      m.audit().observe(() -> true, () -> 0);
      String text = scrape(m);
      assertThat(text).contains("jvm_memory_used_bytes", "process_cpu_usage", "process_cpu_seconds_total", "jvm_threads_live_threads");
      Path file = dir.resolve("scrape.txt");
      Files.writeString(file, text);
      ProcessBuilder pb = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile())
          .redirectErrorStream(true);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(out).as("promtool check metrics").isEmpty();
      assertThat(p.exitValue()).isZero();
    }
  }

  @Test
  void gaugesAreReadAtScrapeTime() {
    try (PrometheusMetrics m = PrometheusMetrics.productOnly()) {
      AtomicBoolean healthy = new AtomicBoolean(true);
      m.audit().observe(healthy::get, () -> 0);
      assertThat(scrape(m)).contains("bridge_audit_healthy 1.0");
      healthy.set(false);
      assertThat(scrape(m)).contains("bridge_audit_healthy 0.0");
    }
  }

  static String scrape(PrometheusMetrics m) {
    return new String(m.scrape(null).body(), StandardCharsets.UTF_8);
  }
}
