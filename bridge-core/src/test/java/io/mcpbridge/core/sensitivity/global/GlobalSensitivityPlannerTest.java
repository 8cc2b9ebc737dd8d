package io.mcpbridge.core.sensitivity.global;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.RunCancelledException;
import io.mcpbridge.core.port.ProgressListener;
import io.mcpbridge.core.port.RunControl;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The model-facing side: distributions, parallel evaluation, cancellation and bad input. */
class GlobalSensitivityPlannerTest {
  private static final List<GlobalParameter> TWO = List.of(GlobalParameter.uniform("a", 0, 1),
      GlobalParameter.uniform("b", 0, 1));

  @Test
  void cancellationStopsBetweenEvaluations() {
    AtomicInteger evaluated = new AtomicInteger();
    RunControl control = new RunControl(() -> evaluated.get() >= 10, Optional.empty(), ProgressListener.NONE,
        Clock.systemUTC());
    GlobalSensitivityPlanner planner = new GlobalSensitivityPlanner(TWO);

    assertThatThrownBy(() -> planner.sobol(new SobolSettings(1000, 100, 0.95, 1L), p -> {
      evaluated.incrementAndGet();
      return p[0];
    }, ResponseEvaluator.withThreads(2), control)).isInstanceOf(RunCancelledException.class);
    // at most one evaluation per worker can start after the flag turns
    assertThat(evaluated.get()).isBetween(10, 12);
  }

  @Test
  void aFailingResponseStopsTheRunAndPropagates() {
    AtomicInteger evaluated = new AtomicInteger();
    GlobalSensitivityPlanner planner = new GlobalSensitivityPlanner(TWO);

    assertThatThrownBy(() -> planner.morris(new MorrisSettings(500, 4, 1L), p -> {
      int n = evaluated.incrementAndGet();
      if (n == 20) {
        throw new IllegalStateException("simulation failed");
      }
      if (n > 20) {
        // A simulation takes time: without it the other thread can finish the whole design in the
        // microseconds before the failing one has built its exception, and the bound below says nothing.
        sleep(5);
      }
      return p[0];
    }, ResponseEvaluator.withThreads(2), RunControl.unbounded()))
        .isInstanceOf(IllegalStateException.class).hasMessage("simulation failed");
    assertThat(evaluated.get()).isLessThan(30);
  }

  @Test
  void progressCountsEvaluationsAndEndsComplete() {
    AtomicReference<double[]> last = new AtomicReference<>();
    AtomicInteger reports = new AtomicInteger();
    RunControl control = new RunControl(() -> false, Optional.empty(), (done, total) -> {
      reports.incrementAndGet();
      last.set(new double[] {done, total});
    }, Clock.systemUTC());
    MorrisResult result = new GlobalSensitivityPlanner(TWO).morris(new MorrisSettings(10, 4, 3L),
        p -> p[0] + p[1], ResponseEvaluator.withThreads(2), control);

    assertThat(reports.get()).isEqualTo(result.evaluations() + 1);
    assertThat(last.get()).containsExactly(30, 30);
  }

  @Test
  void aCallersExecutorIsUsedAndLeftRunning() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      GlobalSensitivityPlanner planner = new GlobalSensitivityPlanner(TWO);
      SobolSettings settings = new SobolSettings(64, 100, 0.95, 2L);
      SobolResult onExecutor = planner.sobol(settings, p -> p[0] + 2 * p[1], ResponseEvaluator.on(executor, 2),
          RunControl.unbounded());
      SobolResult ownThreads = planner.sobol(settings, p -> p[0] + 2 * p[1], ResponseEvaluator.withThreads(2),
          RunControl.unbounded());
      assertThat(onExecutor).isEqualTo(ownThreads);
      assertThat(executor.isShutdown()).isFalse();
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void samplesFollowEachParametersDistribution() {
    List<GlobalParameter> parameters = List.of(
        GlobalParameter.uniform("u", 2, 4),
        new GlobalParameter("lu", new ParameterDistribution.LogUniform(1, 100)),
        new GlobalParameter("n", new ParameterDistribution.Normal(10, 2)),
        new GlobalParameter("ln", new ParameterDistribution.LogNormal(5, 1.5)));
    double[][] samples = new GlobalSensitivityPlanner(parameters).sobolSamples(new SobolSettings(20000, 100, 0.95, 9L));
    int n = 40000; // the rows of A and B are independent draws
    double[] mean = new double[4];
    double[] logMean = new double[4];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < 4; i++) {
        mean[i] += samples[j][i] / n;
        logMean[i] += Math.log(samples[j][i]) / n;
      }
    }
    // means to about 5 standard errors of 40000 draws
    assertThat(mean[0]).isCloseTo(3, within(5 * (2 / Math.sqrt(12)) / Math.sqrt(n)));
    assertThat(logMean[1]).isCloseTo(Math.log(10), within(5 * (Math.log(100) / Math.sqrt(12)) / Math.sqrt(n)));
    assertThat(mean[2]).isCloseTo(10, within(5 * 2 / Math.sqrt(n)));
    assertThat(logMean[3]).isCloseTo(Math.log(5), within(5 * Math.log(1.5) / Math.sqrt(n)));
  }

  @Test
  void quantilesAreTheDistributionsOwn() {
    assertThat(new ParameterDistribution.Uniform(2, 4).quantile(0.25)).isEqualTo(2.5);
    assertThat(new ParameterDistribution.LogUniform(1, 100).quantile(0.5)).isCloseTo(10, within(1e-12));
    // Φ⁻¹(0.975) = 1.959963984540054; Φ⁻¹(1e-10) = −6.361340902404056 (relative accuracy 1.2e-9)
    assertThat(new ParameterDistribution.Normal(0, 1).quantile(0.975)).isCloseTo(1.959963984540054, within(3e-9));
    assertThat(new ParameterDistribution.Normal(0, 1).quantile(1e-10)).isCloseTo(-6.361340902404056, within(1e-8));
    assertThat(new ParameterDistribution.Normal(0, 1).quantile(0.5)).isEqualTo(0);
    assertThat(new ParameterDistribution.LogNormal(5, 2).quantile(0.5)).isCloseTo(5, within(1e-12));
    assertThatThrownBy(() -> new ParameterDistribution.Normal(0, 1).quantile(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badInputIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> new GlobalSensitivityPlanner(List.of())).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> new GlobalSensitivityPlanner(List.of(GlobalParameter.uniform("a", 0, 1),
        GlobalParameter.uniform("a", 1, 2)))).isInstanceOf(InvalidInputException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> GlobalParameter.uniform("a", 1, 1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new ParameterDistribution.LogUniform(0, 1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new SobolSettings(100, 100, 1.0, 1L)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new SobolSettings(100, 10, 0.9, 1L)).isInstanceOf(InvalidInputException.class);

    GlobalSensitivityPlanner planner = new GlobalSensitivityPlanner(TWO);
    assertThatThrownBy(() -> planner.morrisSamples(new MorrisSettings(10, 5, 1L)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("even");
    assertThatThrownBy(() -> planner.morrisSamples(new MorrisSettings(1, 4, 1L)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("trajectories");
    assertThatThrownBy(() -> new GlobalSensitivityPlanner(List.of(
        new GlobalParameter("n", new ParameterDistribution.Normal(1, 1)))).morrisSamples(new MorrisSettings(10, 4, 1L)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("bounded");
    SobolSettings settings = new SobolSettings(10, 100, 0.9, 1L);
    assertThatThrownBy(() -> planner.sobolFrom(settings, new double[39])).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> planner.sobolFrom(settings, new double[40])).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("does not vary");
    assertThatThrownBy(() -> planner.sobol(settings, p -> p[0] > 0.5 ? Double.NaN : p[0],
        ResponseEvaluator.withThreads(1), RunControl.unbounded()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not finite");
    assertThatThrownBy(() -> ResponseEvaluator.withThreads(0)).isInstanceOf(InvalidInputException.class);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
