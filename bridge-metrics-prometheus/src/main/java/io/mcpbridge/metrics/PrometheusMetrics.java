package io.mcpbridge.metrics;

import io.mcpbridge.core.port.AuditMetrics;
import io.mcpbridge.core.port.AuthMetrics;
import io.mcpbridge.core.port.EngineMetrics;
import io.mcpbridge.core.port.JobMetrics;
import io.mcpbridge.core.port.MetricsExposition;
import io.mcpbridge.core.port.QueueMetrics;
import io.mcpbridge.core.port.RequestMetrics;
import io.mcpbridge.core.port.WorkerMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The process's metrics in one Prometheus registry: every listener port of core, the JVM and
 * process binders, and the scrape. Closing releases the GC listener and the registry.
 */
public final class PrometheusMetrics implements MetricsExposition, AutoCloseable {
  static final String TEXT_004 = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final RequestMetrics requests;
  private final JobMetrics jobs;
  private final EngineMetrics engine;
  private final AuditMetrics audit;
  private final AuthMetrics auth;
  private final QueueMetrics queue;
  private final WorkerMetrics worker;

  private PrometheusMetrics(boolean processMetrics) {
    if (processMetrics) {
      // Filters come before any meter. Two binder names break Prometheus conventions (promtool
      // check metrics): a counter in nanoseconds and a gauge ending in _count. CPU time is
      // exported in seconds instead.
      registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
      registry.config().meterFilter(new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
          return "system.cpu.count".equals(id.getName()) ? id.withName("system.cpu.available") : id;
        }
      });
    }
    this.requests = new MicrometerRequestMetrics(registry);
    this.jobs = new MicrometerJobMetrics(registry);
    this.engine = new MicrometerEngineMetrics(registry);
    this.audit = new MicrometerAuditMetrics(registry);
    this.auth = new MicrometerAuthMetrics(registry);
    this.queue = new MicrometerQueueMetrics(registry);
    this.worker = new MicrometerWorkerMetrics(registry);
    if (processMetrics) {
      bindProcessMetrics();
    }
  }

  /** A registry with the JVM and process binders bound. */
  public static PrometheusMetrics withProcessMetrics() {
    return new PrometheusMetrics(true);
  }

  private void bindProcessMetrics() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      FunctionCounter.builder("process.cpu", os, b -> b.getProcessCpuTime() / 1e9).baseUnit("seconds")
          .description("CPU time used by the process").register(registry);
    }
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  /** A registry of the product's own metrics only (no JVM or process series). */
  public static PrometheusMetrics productOnly() {
    return new PrometheusMetrics(false);
  }

  /** Tool calls and HTTP requests. */
  public RequestMetrics requests() {
    return requests;
  }

  /** Job lifecycle. */
  public JobMetrics jobs() {
    return jobs;
  }

  /** Integrator work. */
  public EngineMetrics engine() {
    return engine;
  }

  /** The audit writer. */
  public AuditMetrics audit() {
    return audit;
  }

  /** Refused callers. */
  public AuthMetrics auth() {
    return auth;
  }

  /** The broker of the queue backend. */
  public QueueMetrics queue() {
    return queue;
  }

  /** A worker process. */
  public WorkerMetrics worker() {
    return worker;
  }

  @Override
  public Scrape scrape(String accept) {
    String contentType = accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : TEXT_004;
    return new Scrape(contentType, registry.scrape(contentType).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
