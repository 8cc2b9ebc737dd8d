package io.mcpbridge.metrics.bench;

import io.mcpbridge.core.port.NoMetrics;
import io.mcpbridge.core.port.RequestMetrics;
import io.mcpbridge.metrics.PrometheusMetrics;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What metrics add to one REST tool call: the HTTP request timer and the tool-call timer, as the
 * server records them per request, against the no-op listener. Run with
 * {@code mvn -q -Pbench -pl bridge-metrics-prometheus -am -DskipTests -DskipITs package}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class MetricsHotPathBenchmark {
  private static final Duration LATENCY = Duration.ofNanos(180_000);
  private PrometheusMetrics prometheus;
  private RequestMetrics measured;
  private RequestMetrics none;

  @Setup(Level.Trial)
  public void setUp() {
    prometheus = PrometheusMetrics.withProcessMetrics();
    measured = prometheus.requests();
    none = NoMetrics.INSTANCE;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    prometheus.close();
  }

  /** One request's worth of metrics on the Prometheus registry. */
  @Benchmark
  public void prometheusPerRequest() {
    measured.httpRequest("POST", "/get_parameter_value", 200, LATENCY);
    measured.toolCalled("get_parameter_value", "rest", "ok", "none", LATENCY);
  }

  /** The same calls on the no-op listener (METRICS_ENABLED=false). */
  @Benchmark
  public void noMetricsPerRequest() {
    none.httpRequest("POST", "/get_parameter_value", 200, LATENCY);
    none.toolCalled("get_parameter_value", "rest", "ok", "none", LATENCY);
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(MetricsHotPathBenchmark.class.getSimpleName()).build()).run();
  }
}
