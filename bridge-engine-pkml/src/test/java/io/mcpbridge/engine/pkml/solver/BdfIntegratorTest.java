package io.mcpbridge.engine.pkml.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Accuracy, stiffness handling, re-initialisation and abort paths of {@link BdfIntegrator}. */
class BdfIntegratorTest {

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  private static BdfOptions options(double relTol, double[] absTol, long maxSteps) {
    return new BdfOptions(relTol, absTol, 1e-10, 0.0, 1e300, maxSteps, 5);
  }

  /** y' = −k y. */
  private static final class Decay implements OdeSystem {
    private final double k;

    Decay(double k) {
      this.k = k;
    }

    @Override
    public int size() {
      return 1;
    }

    @Override
    public void rhs(double t, double[] y, double[] dydt) {
      dydt[0] = -k * y[0];
    }

    @Override
    public void jacobian(double t, double[] y, double[][] jacobian) {
      jacobian[0][0] = -k;
    }
  }

  /** y' = A y with a constant matrix A. */
  private static final class Linear implements OdeSystem {
    private final double[][] a;

    Linear(double[][] a) {
      this.a = a;
    }

    @Override
    public int size() {
      return a.length;
    }

    @Override
    public void rhs(double t, double[] y, double[] dydt) {
      for (int i = 0; i < a.length; i++) {
        double s = 0.0;
        for (int j = 0; j < a.length; j++) {
          s += a[i][j] * y[j];
        }
        dydt[i] = s;
      }
    }

    @Override
    public void jacobian(double t, double[] y, double[][] jacobian) {
      for (int i = 0; i < a.length; i++) {
        System.arraycopy(a[i], 0, jacobian[i], 0, a.length);
      }
    }
  }

  /** Robertson's chemical kinetics problem. */
  private static final class Robertson implements OdeSystem {
    @Override
    public int size() {
      return 3;
    }

    @Override
    public void rhs(double t, double[] y, double[] dydt) {
      dydt[0] = -0.04 * y[0] + 1.0e4 * y[1] * y[2];
      dydt[2] = 3.0e7 * y[1] * y[1];
      dydt[1] = -dydt[0] - dydt[2];
    }

    @Override
    public void jacobian(double t, double[] y, double[][] j) {
      j[0][0] = -0.04;
      j[0][1] = 1.0e4 * y[2];
      j[0][2] = 1.0e4 * y[1];
      j[2][1] = 6.0e7 * y[1];
      j[1][0] = 0.04;
      j[1][1] = -j[0][1] - j[2][1];
      j[1][2] = -j[0][2];
    }
  }

  @Test
  void exponentialDecayIsAccurateAtInterpolatedOutputs() {
    double k = 0.7;
    BdfIntegrator integrator = new BdfIntegrator(new Decay(k), options(1e-10, new double[] {1e-14}, 100000));
    integrator.reset(0.0, new double[] {2.0});
    double[] y = new double[1];
    double worst = 0.0;
    // Outputs fall inside internal steps, so most values come from interpolation. The horizon
    // (3.5 decay lengths) keeps relTol·|y| ≥ 6e-12 far above absTol, so relative error is controlled.
    for (int i = 1; i <= 100; i++) {
      double t = 0.05 * i;
      integrator.integrateTo(t, y, StepMonitor.NONE);
      double exact = 2.0 * Math.exp(-k * t);
      worst = Math.max(worst, Math.abs(y[0] - exact) / exact);
    }
    // Each step commits a local error of at most relTol·|y|, and relative errors of a decay add up
    // without amplification: ~180 steps give a bound of ~2e-8; 1e-8 holds with the typical
    // fraction (~1/3) of the allowed local error per step (measured ≈ 4.6e-9).
    assertThat(worst).isLessThanOrEqualTo(1e-8);
    assertThat(integrator.statistics().steps()).isGreaterThan(0);
  }

  @Test
  void stiffLinearSystemIsAccurateWithFewSteps() {
    // A = V diag(−1, −1e4) V⁻¹ with V = [[1, 1], [1, −2]].
    double l1 = -1.0;
    double l2 = -1.0e4;
    double[][] v = {{1.0, 1.0}, {1.0, -2.0}};
    double det = v[0][0] * v[1][1] - v[0][1] * v[1][0];
    double[][] vInv = {{v[1][1] / det, -v[0][1] / det}, {-v[1][0] / det, v[0][0] / det}};
    double[] lambda = {l1, l2};
    double[][] a = new double[2][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        for (int m = 0; m < 2; m++) {
          a[i][j] += v[i][m] * lambda[m] * vInv[m][j];
        }
      }
    }
    double[] y0 = {1.0, 3.0};
    double[] c = {vInv[0][0] * y0[0] + vInv[0][1] * y0[1], vInv[1][0] * y0[0] + vInv[1][1] * y0[1]};

    BdfIntegrator integrator = new BdfIntegrator(new Linear(a), options(1e-9, filled(2, 1e-14), 100000));
    integrator.reset(0.0, y0);
    double[] y = new double[2];
    double worst = 0.0;
    // Through the fast transient (1e-4 ≈ one fast time constant) and up to t = 10, where
    // relTol·|y| ≈ 7e-14 still exceeds absTol, so the error is controlled in the relative sense.
    for (double t : new double[] {1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 0.5, 1, 2, 5, 10}) {
      integrator.integrateTo(t, y, StepMonitor.NONE);
      for (int i = 0; i < 2; i++) {
        double exact = v[i][0] * c[0] * Math.exp(l1 * t) + v[i][1] * c[1] * Math.exp(l2 * t);
        worst = Math.max(worst, Math.abs(y[i] - exact) / Math.abs(exact));
      }
    }
    // Global error of a relTol-1e-9 run over ~500 steps; measured ≈ 8e-8.
    assertThat(worst).isLessThanOrEqualTo(1e-6);
    // Beyond that the solution (e^-100) is far below absTol: only the absolute error is controlled,
    // to a small multiple of absTol by the stability of BDF.
    integrator.integrateTo(100.0, y, StepMonitor.NONE);
    double exactAt100 = v[0][0] * c[0] * Math.exp(l1 * 100.0);
    assertThat(Math.abs(y[0] - exactAt100)).isLessThanOrEqualTo(100 * 1e-14);
    // An explicit method would need |λ2|·100/2 ≈ 5e5 steps for stability alone.
    long steps = integrator.statistics().steps();
    System.out.println("stiff linear: " + integrator.statistics());
    assertThat(steps).isLessThan(2000);
  }

  @Test
  void robertsonRunsToFourTimesTenToTheTenAndMatchesPublishedValues() {
    BdfIntegrator integrator =
        new BdfIntegrator(new Robertson(), options(1e-4, new double[] {1e-8, 1e-14, 1e-6}, 100000));
    integrator.reset(0.0, new double[] {1.0, 0.0, 0.0});
    double[] y = new double[3];
    double t = 0.4;
    double[] at40 = null;
    for (int k = 0; k < 12; k++) {
      integrator.integrateTo(t, y, StepMonitor.NONE);
      assertThat(y[0] + y[1] + y[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
      if (t == 40.0) {
        at40 = y.clone();
      }
      t *= 10.0;
    }
    assertThat(integrator.currentTime()).isGreaterThanOrEqualTo(4e10);
    System.out.println("Robertson: " + integrator.statistics());
    // High-accuracy solution at t = 40 (Hairer & Wanner test set; also printed by CVODE's example).
    // At relTol 1e-4 the global error is a few times 1e-4, hence 1e-3 relative.
    assertThat(at40).isNotNull();
    assertThat(at40[0]).isCloseTo(0.7158270687, org.assertj.core.data.Percentage.withPercentage(0.1));
    assertThat(at40[1]).isCloseTo(9.185534764e-6, org.assertj.core.data.Percentage.withPercentage(0.1));
    assertThat(at40[2]).isCloseTo(0.2841637457, org.assertj.core.data.Percentage.withPercentage(0.1));
  }

  @Test
  void resetAfterAnEventFollowsThePiecewiseSolution() {
    double k = 0.2;
    BdfIntegrator integrator = new BdfIntegrator(new Decay(k), options(1e-9, new double[] {1e-12}, 100000));
    integrator.reset(0.0, new double[] {5.0});
    double[] y = new double[1];
    double worst = 0.0;
    for (int i = 1; i <= 10; i++) {
      integrator.integrateTo(i, y, StepMonitor.NONE);
      double exact = 5.0 * Math.exp(-k * i);
      worst = Math.max(worst, Math.abs(y[0] - exact) / exact);
    }
    // Event at t = 10: add 7 to the amount and restart at order 1 with h0.
    double before = y[0];
    y[0] += 7.0;
    integrator.reset(10.0, y);
    assertThat(integrator.currentTime()).isEqualTo(10.0);
    double afterEvent = 5.0 * Math.exp(-k * 10.0) + 7.0;
    for (int i = 11; i <= 30; i++) {
      integrator.integrateTo(i, y, StepMonitor.NONE);
      double exact = afterEvent * Math.exp(-k * (i - 10.0));
      worst = Math.max(worst, Math.abs(y[0] - exact) / exact);
    }
    assertThat(before).isCloseTo(5.0 * Math.exp(-2.0), org.assertj.core.data.Percentage.withPercentage(1e-5));
    // relTol 1e-9 with room for accumulation over 6 decay lengths.
    assertThat(worst).isLessThanOrEqualTo(1e-7);
  }

  @Test
  void outputInsideTheLastStepIsInterpolatedWithoutStepping() {
    BdfIntegrator integrator = new BdfIntegrator(new Decay(1.0), options(1e-6, new double[] {1e-10}, 1000));
    integrator.reset(0.0, new double[] {1.0});
    double[] y = new double[1];
    integrator.integrateTo(1.0, y, StepMonitor.NONE);
    double reached = integrator.currentTime();
    long steps = integrator.statistics().steps();
    assertThat(reached).isGreaterThanOrEqualTo(1.0);
    integrator.integrateTo(1.0 - 1e-3, y, StepMonitor.NONE);
    assertThat(integrator.statistics().steps()).isEqualTo(steps);
    assertThat(y[0]).isCloseTo(Math.exp(-(1.0 - 1e-3)), org.assertj.core.data.Percentage.withPercentage(1e-3));
  }

  @Test
  void monitorIsCalledAfterEveryStepAndItsExceptionPropagates() {
    BdfIntegrator integrator = new BdfIntegrator(new Decay(1.0), options(1e-6, new double[] {1e-10}, 1000));
    integrator.reset(0.0, new double[] {1.0});
    List<Double> times = new ArrayList<>();
    integrator.integrateTo(1.0, new double[1], times::add);
    assertThat(times).hasSize((int) integrator.statistics().steps()).isSorted();

    IllegalStateException cancel = new IllegalStateException("cancelled");
    StepMonitor aborting = t -> {
      if (t > 2.0) {
        throw cancel;
      }
    };
    assertThatThrownBy(() -> integrator.integrateTo(10.0, new double[1], aborting)).isSameAs(cancel);
  }

  @Test
  void tooManyStepsRaisesSolverExceptionNamingTheTime() {
    BdfIntegrator integrator = new BdfIntegrator(new Decay(1.0), options(1e-6, new double[] {1e-10}, 5));
    integrator.reset(0.0, new double[] {1.0});
    assertThatThrownBy(() -> integrator.integrateTo(100.0, new double[1], StepMonitor.NONE))
        .isInstanceOf(SolverException.class)
        .hasMessageContaining("maximum number of steps (5, solver option MxStep)")
        .satisfies(e -> {
          SolverException se = (SolverException) e;
          assertThat(se.time()).isEqualTo(integrator.currentTime()).isGreaterThan(0.0).isLessThan(100.0);
          assertThat(se.getMessage()).contains("at t = " + se.time());
        });
  }

  @Test
  void nonFiniteRightHandSideRaisesSolverException() {
    OdeSystem blowsUp = new OdeSystem() {
      @Override
      public int size() {
        return 1;
      }

      @Override
      public void rhs(double t, double[] y, double[] dydt) {
        dydt[0] = t > 0.5 ? Double.NaN : 1.0;
      }

      @Override
      public void jacobian(double t, double[] y, double[][] jacobian) {}
    };
    BdfIntegrator integrator = new BdfIntegrator(blowsUp, options(1e-6, new double[] {1e-10}, 1000));
    integrator.reset(0.0, new double[] {0.0});
    assertThatThrownBy(() -> integrator.integrateTo(1.0, new double[1], StepMonitor.NONE))
        .isInstanceOf(SolverException.class)
        .hasMessageContaining("non-finite");
  }

  @Test
  void repeatedErrorTestFailuresAreReported() {
    // A right-hand side that jumps wherever the step lands cannot pass the error test at hMin.
    OdeSystem discontinuous = new OdeSystem() {
      @Override
      public int size() {
        return 1;
      }

      @Override
      public void rhs(double t, double[] y, double[] dydt) {
        dydt[0] = t < 1.0 ? 0.0 : 1.0e6;
      }

      @Override
      public void jacobian(double t, double[] y, double[][] jacobian) {}
    };
    BdfIntegrator integrator = new BdfIntegrator(
        discontinuous, new BdfOptions(1e-8, new double[] {1e-12}, 1e-10, 1e-3, 60.0, 100000, 5));
    integrator.reset(0.0, new double[] {0.0});
    assertThatThrownBy(() -> integrator.integrateTo(2.0, new double[1], StepMonitor.NONE))
        .isInstanceOf(SolverException.class)
        .hasMessageContaining("error test failed");
    assertThat(integrator.statistics().errorTestFailures()).isGreaterThan(0);
  }

  @Test
  void inaccurateJacobianIsRecoveredByConvergenceFailureHandling() {
    // y' = −1e4 (y − cos t), y(0) = 0, with a Jacobian of the wrong sign: Newton fails unless the
    // step is small, so the run exercises convergence failures, step reduction by 1/4 and
    // Jacobian re-evaluation after failures.
    double lambda = 1.0e4;
    OdeSystem wrongJacobian = new OdeSystem() {
      @Override
      public int size() {
        return 1;
      }

      @Override
      public void rhs(double t, double[] y, double[] dydt) {
        dydt[0] = -lambda * (y[0] - Math.cos(t));
      }

      @Override
      public void jacobian(double t, double[] y, double[][] jacobian) {
        jacobian[0][0] = +1.0e3;
      }
    };
    BdfIntegrator integrator = new BdfIntegrator(wrongJacobian, options(1e-6, new double[] {1e-10}, 100000));
    integrator.reset(0.0, new double[] {0.0});
    double[] y = new double[1];
    integrator.integrateTo(1.0, y, StepMonitor.NONE);
    double l2 = lambda * lambda;
    double exact = (l2 * Math.cos(1.0) + lambda * Math.sin(1.0)) / (l2 + 1.0)
        - l2 / (l2 + 1.0) * Math.exp(-lambda);
    SolverStatistics stats = integrator.statistics();
    assertThat(stats.convergenceFailures()).isPositive();
    assertThat(stats.jacobianEvaluations()).isGreaterThan(1);
    // relTol 1e-6 with the global accumulation of a few thousand small steps.
    assertThat(y[0]).isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(1e-3));
  }

  @Test
  void stepsNeverExceedHMax() {
    double hMax = 0.5;
    BdfIntegrator integrator = new BdfIntegrator(
        new Decay(0.01), new BdfOptions(1e-4, new double[] {1e-9}, 1e-10, 0.0, hMax, 100000, 5));
    integrator.reset(0.0, new double[] {1.0});
    double[] previous = {0.0};
    double[] largest = {0.0};
    integrator.integrateTo(50.0, new double[1], t -> {
      largest[0] = Math.max(largest[0], t - previous[0]);
      previous[0] = t;
    });
    assertThat(largest[0]).isLessThanOrEqualTo(hMax * (1 + 1e-12));
    assertThat(integrator.statistics().lastStepSize()).isCloseTo(hMax, org.assertj.core.data.Offset.offset(1e-12));
  }

  /**
   * H0 = 0 on y' = −y, y(0) = 1 (RelTol 1e-4, AbsTol 1e-8) towards t = 10: y'' = 1 exactly, so the
   * weighted norm of the difference quotient is w = 1/(1e-4 + 1e-8), CVODE's proposal √(2/w) is
   * accepted on the second pass and half of it is the first step, well inside the bounds (lower
   * 100·ε·10, upper min(0.1·10, (0.1 + 1/w)/1)).
   */
  @Test
  void estimatesTheFirstStepAsCvodeWhenH0IsZero() {
    BdfIntegrator integrator = new BdfIntegrator(new Decay(1.0),
        new BdfOptions(1e-4, new double[] {1e-8}, 0.0, 0.0, 1e300, 10_000, 5));
    integrator.reset(0.0, new double[] {1.0});
    double[] out = new double[1];
    integrator.integrateTo(0.0, out, StepMonitor.NONE);
    assertThat(out[0]).as("the start, before any step").isEqualTo(1.0);
    assertThat(integrator.statistics().steps()).isZero();
    List<Double> firstStep = new ArrayList<>();
    integrator.integrateTo(10.0, out, t -> {
      if (firstStep.isEmpty()) {
        firstStep.add(integrator.statistics().lastStepSize());
      }
    });
    double w = 1.0 / (1e-4 + 1e-8);
    assertThat(firstStep.get(0)).isCloseTo(0.5 * Math.sqrt(2.0 / w), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(out[0]).isCloseTo(Math.exp(-10.0), org.assertj.core.data.Offset.offset(1e-5));
  }

  /** H0 = 0 with the first target within rounding of the start: CVODE's "too close" error. */
  @Test
  void refusesAnEstimateTowardsATimeWithinRoundingOfTheStart() {
    BdfIntegrator integrator = new BdfIntegrator(new Decay(1.0),
        new BdfOptions(1e-4, new double[] {1e-8}, 0.0, 0.0, 1e300, 10_000, 5));
    integrator.reset(1.0, new double[] {1.0});
    assertThatThrownBy(() -> integrator.integrateTo(Math.nextUp(1.0), new double[1], StepMonitor.NONE))
        .isInstanceOf(SolverException.class).hasMessageContaining("too close");
  }
}
