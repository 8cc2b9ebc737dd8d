package io.mcpbridge.cli;

import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.config.JobSettings;
import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.port.ComponentHealth;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.NoMetrics;
import io.mcpbridge.core.port.QueueMetrics;
import io.mcpbridge.core.service.ChunkedWork;
import io.mcpbridge.core.service.DeadLetterRequeuer;
import io.mcpbridge.core.service.JobNotifier;
import io.mcpbridge.core.service.JobReconciler;
import io.mcpbridge.core.service.JobRecovery;
import io.mcpbridge.core.service.JobReportRecorder;
import io.mcpbridge.core.service.RegistryJobMessages;
import io.mcpbridge.jobs.queue.QueueJobBackend;
import io.mcpbridge.jobs.queue.Queues;
import io.mcpbridge.jobs.queue.RedisJobBackend;
import io.mcpbridge.jobs.thread.ThreadJobBackend;
import io.mcpbridge.metrics.PrometheusMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job backend of a process that owns the registry: in-process threads, or the broker with
 * {@code JOB_BACKEND=queue} (then this process records the workers' reports and reconciles the
 * broker with the registry).
 */
final class JobBackendWiring {
  private static final Logger LOG = LoggerFactory.getLogger(JobBackendWiring.class);
  private static final long RECONCILE_SECONDS = 2;
  private static final Duration RECONCILE_SETTLE = Duration.ofSeconds(5);

  private JobBackendWiring() {}

  /**
   * Connects the configured backend; the caller starts and closes it.
   *
   * @param chunked the job kinds a queue backend publishes as chunks
   */
  static JobBackend open(AppConfig config, JobRegistry registry, List<ChunkedWork> chunked, Clock clock) {
    if (config.jobs().backend() == JobSettings.Backend.QUEUE && !config.jobs().eager()) {
      // One consumer name for the API (one process owns a registry): a restarted API reads the
      // reports its predecessor received but had not recorded.
      return Queues.connectBackend(QueueWiring.settings(config), new RegistryJobMessages(registry, chunked), clock, "api");
    }
    // JOB_EAGER=true (tests only; refused in staging/production): queue jobs run in this process.
    return ThreadJobBackend.from(config.jobs(), clock);
  }

  /**
   * Picks up the jobs a previous process left: with the queue, records worker reports and starts
   * the reconciler (workers may still run this registry's jobs, so the reconciler, not a restart
   * recovery, decides what was lost), applies operators' dead-letter requeues and measures the
   * queue; with threads, recovers once.
   *
   * @param chunked the job kinds that run in chunks on workers (gathered by the recorder)
   * @return what to close on shutdown (the reconciler's timer; nothing for threads)
   */
  static AutoCloseable resume(JobBackend backend, AppConfig config, JobRegistry registry, JobNotifier notifier,
      AuditSink audit, Optional<PrometheusMetrics> metrics, List<ChunkedWork> chunked, Clock clock) {
    if (backend instanceof QueueJobBackend queue) {
      JobReportRecorder recorder = new JobReportRecorder(registry, backend, notifier, audit, clock, chunked);
      queue.recordReports(recorder);
      QueueMetrics queueMetrics = metrics.<QueueMetrics>map(PrometheusMetrics::queue).orElse(NoMetrics.INSTANCE);
      if (queue instanceof RedisJobBackend redis) {
        // Requeue requests and the queue gauges exist for Redis Streams only (RabbitMQ: docs/operations/queue-runbook.md).
        redis.applyRequeues(new DeadLetterRequeuer(registry, backend, notifier, audit, clock));
        metrics.ifPresent(m -> redis.measure(m.queue(), m.worker()));
      }
      return scheduleReconciliation(new JobReconciler(registry, backend, queue, recorder, clock, RECONCILE_SETTLE,
          config.jobs().queue().lease().multipliedBy(3).plusSeconds(30)), queueMetrics);
    }
    JobRecovery.Report recovered = new JobRecovery(registry, backend, clock).recover();
    if (recovered.resubmitted() + recovered.requeued() + recovered.failed() > 0) {
      LOG.info("recovered jobs after restart: {} resubmitted, {} requeued, {} failed as interrupted",
          recovered.resubmitted(), recovered.requeued(), recovered.failed());
    }
    return () -> { };
  }

  /** Dependencies /health reports besides the audit trail: the broker with JOB_BACKEND=queue. */
  static List<ComponentHealth> health(JobBackend backend) {
    return backend instanceof QueueJobBackend queue ? List.of(queue) : List.of();
  }

  private static AutoCloseable scheduleReconciliation(JobReconciler reconciler, QueueMetrics queueMetrics) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bridge-queue-reconciler");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        JobReconciler.Report report = reconciler.reconcile();
        for (int i = 0; i < report.republished(); i++) {
          queueMetrics.reconciled("republished");
        }
        for (int i = 0; i < report.interrupted(); i++) {
          queueMetrics.reconciled("interrupted");
        }
        if (report.republished() + report.interrupted() > 0) {
          LOG.info("reconciled queue with registry: {} queued jobs republished, {} abandoned attempts ended",
              report.republished(), report.interrupted());
        }
      } catch (RuntimeException e) {
        LOG.warn("queue reconciliation failed; next round in {} s: {}", RECONCILE_SECONDS, e.getMessage());
      }
    }, RECONCILE_SECONDS, RECONCILE_SECONDS, TimeUnit.SECONDS);
    return timer::shutdownNow;
  }
}
