package io.mcpbridge.engine.pkml.solver;

import java.util.Arrays;
import java.util.Objects;

/**
 * Variable-order (1–5), variable-step BDF integrator for stiff systems, following the algorithm
 * published for CVODE (Hindmarsh et al., "SUNDIALS: Suite of nonlinear and differential/algebraic
 * equation solvers", ACM TOMS 31(3), 2005, and the "Mathematical considerations" chapter of the CVODE
 * user guide): Nordsieck history in fixed-leading-coefficient form, Newton iteration with a dense
 * LU of I − γJ (skipping its structural zeros) and an exact Jacobian, local error test in the weighted RMS norm, and CVODE's step
 * and order selection heuristics.
 *
 * <p>It is driven the way OSP drives CVODES: {@link #reset} at the start and after every event that
 * changes the state (order 1, step h0, or CVODE's own estimate of the first step when h0 = 0), then {@link #integrateTo} for each output time, which steps
 * past the output time and interpolates back from the history (the integration is never stopped at
 * an output time).
 *
 * <p>Not thread-safe; one instance per run.
 */
public final class BdfIntegrator {
  private static final int MAX_CONVERGENCE_FAILURES = 10;
  private static final int MAX_ERROR_TEST_FAILURES = 7;
  /** Order-change wait after a forced restart at order 1. */
  private static final int LONG_WAIT = 10;
  /** Relative slack when comparing |h| with hMin. */
  private static final double ONE_PLUS_EPSILON = 1.000001;
  /** Interpolation accepts times up to 100 rounding units outside the last step. */
  private static final double INTERPOLATION_FUZZ = 100.0 * Math.ulp(1.0);

  private final OdeSystem system;
  private final int n;
  private final int maxOrder;
  private final double relTol;
  private final double[] absTol;
  private final double h0;
  private final double hMin;
  private final double hMaxInverse;
  private final long maxSteps;

  private final NordsieckHistory history;
  private final BdfCoefficients coefficients;
  private final NewtonCorrector newton;
  private final double[] weights;
  private final double[] scratch;
  /** tau[i] = size of the i-th most recent accepted step (index 0 unused). */
  private final double[] tau;

  private boolean initialised;
  /** h0 = 0: reset has run, the first step waits for the next target time (CVODE's estimate). */
  private boolean pending;
  private double[] pendingState;
  private double[] pendingDerivative;
  private double tn;
  private int q;
  private int qPrime;
  private int qWait;
  /** Step size of the next attempt; the history is always scaled to this value. */
  private double h;
  private double hPrime;
  private double eta;
  private double etaMax;
  private long stepsSinceReset;
  private double savedHigherOrderRatio;
  private double hUsed;
  private int qUsed;

  private long steps;
  private long errorTestFailures;
  private long convergenceFailures;

  /**
   * @param system the ODE system; the integrator owns it for the duration of the run
   * @param options solver settings; {@code absTol} must have one entry per unknown
   */
  public BdfIntegrator(OdeSystem system, BdfOptions options) {
    this.system = Objects.requireNonNull(system, "system");
    Objects.requireNonNull(options, "options");
    this.n = system.size();
    if (options.absTol().length != n) {
      throw new IllegalArgumentException(
          "absTol has " + options.absTol().length + " entries for " + n + " unknowns");
    }
    this.maxOrder = options.maxOrder();
    this.relTol = options.relTol();
    this.absTol = options.absTol().clone();
    this.h0 = options.h0();
    this.hMin = options.hMin();
    this.hMaxInverse = 1.0 / options.hMax();
    this.maxSteps = options.maxSteps();
    this.history = new NordsieckHistory(n, maxOrder);
    this.coefficients = new BdfCoefficients(maxOrder);
    this.newton = new NewtonCorrector(system);
    this.weights = new double[n];
    this.scratch = new double[n];
    this.tau = new double[maxOrder + 2];
  }

  /**
   * (Re-)initialises the integrator at time t with state y: order 1, a fresh history built from y
   * and f(t, y), and step h0 bounded by hMin and hMax. With h0 = 0 the first step is estimated as
   * CVODE does ({@link InitialStepEstimator}), which needs the next target time: the estimate is
   * made by the next {@link #integrateTo} that has to step. Counters in {@link #statistics()} keep
   * running.
   */
  public void reset(double t, double[] y) {
    if (y.length != n) {
      throw new IllegalArgumentException("state has " + y.length + " entries for " + n + " unknowns");
    }
    newton.evaluateRhs(t, y, scratch);
    tn = t;
    initialised = true;
    if (h0 > 0) {
      start(y, scratch, h0);
      return;
    }
    if (pendingState == null) {
      pendingState = new double[n];
      pendingDerivative = new double[n];
    }
    System.arraycopy(y, 0, pendingState, 0, n);
    System.arraycopy(scratch, 0, pendingDerivative, 0, n);
    pending = true;
  }

  /** Starts the history at (tn, y) with derivative f and a first step bounded by hMin and hMax. */
  private void start(double[] y, double[] f, double firstStep) {
    double step = firstStep;
    double ratioToMax = Math.abs(step) * hMaxInverse;
    if (ratioToMax > 1.0) {
      step /= ratioToMax;
    }
    if (Math.abs(step) < hMin) {
      step *= hMin / Math.abs(step);
    }
    for (int i = 0; i < n; i++) {
      scratch[i] = f[i] * step;
    }
    history.start(y, scratch);
    Arrays.fill(tau, 0.0);
    h = step;
    hPrime = step;
    eta = 1.0;
    q = 1;
    qPrime = 1;
    qWait = q + 1;
    etaMax = StepSizeController.MAX_GROWTH_FIRST_STEP;
    stepsSinceReset = 0;
    savedHigherOrderRatio = 0.0;
    hUsed = 0.0;
    newton.restart();
    pending = false;
  }

  /**
   * Advances to {@code tOut} and writes the solution there into {@code yOut}. If tOut lies within
   * the last step it is interpolated without stepping; otherwise internal steps are taken until the
   * internal time reaches or passes tOut, {@code monitor.afterStep} is called after each accepted
   * step, and the result is interpolated from the history.
   *
   * @throws SolverException after {@code maxSteps} steps in this call, after 7 error-test failures or
   *     10 convergence failures on one step, when a failure occurs at the minimum step size, when the
   *     step size falls below the rounding level of t, or on a non-finite right-hand side
   * @throws IllegalArgumentException if tOut lies before the last step
   */
  public void integrateTo(double tOut, double[] yOut, StepMonitor monitor) {
    if (!initialised) {
      throw new IllegalStateException("reset(t, y) must be called first");
    }
    Objects.requireNonNull(monitor, "monitor");
    if (pending) {
      if (tOut < tn) {
        throw new IllegalArgumentException("t = " + tOut + " lies before the start " + tn);
      }
      if (tOut == tn) {
        System.arraycopy(pendingState, 0, yOut, 0, n);
        return;
      }
      WeightedNorm.computeWeights(pendingState, relTol, absTol, weights);
      double estimate = new InitialStepEstimator(newton, weights, scratch)
          .estimate(tn, tOut, pendingState, pendingDerivative);
      start(pendingState, pendingDerivative, estimate);
    }
    if (tOut <= tn) {
      interpolate(tOut, yOut);
      return;
    }
    long taken = 0;
    while (true) {
      // Weights from the state at the start of each step, as CVODE does.
      WeightedNorm.computeWeights(history.row(0), relTol, absTol, weights);
      if (taken >= maxSteps) {
        throw new SolverException(
            "maximum number of steps (" + maxSteps + ", solver option MxStep) reached before t = " + tOut, tn);
      }
      if (tn + h == tn) {
        throw new SolverException("step size " + h + " is below the rounding level of t", tn);
      }
      step();
      taken++;
      monitor.afterStep(tn);
      if (tn >= tOut) {
        interpolate(tOut, yOut);
        return;
      }
    }
  }

  /** The integrator's internal time (the end of the last accepted step). */
  public double currentTime() {
    return tn;
  }

  /** Counters since construction. */
  public SolverStatistics statistics() {
    return new SolverStatistics(
        steps,
        newton.rhsEvaluations(),
        newton.jacobianEvaluations(),
        newton.luDecompositions(),
        errorTestFailures,
        convergenceFailures,
        qUsed,
        hUsed);
  }

  /** One accepted step, with as many retries as the failure handling allows. */
  private void step() {
    double savedTime = tn;
    int stepConvergenceFailures = 0;
    int stepErrorFailures = 0;
    NewtonCorrector.Attempt attempt = NewtonCorrector.Attempt.FIRST;
    if (stepsSinceReset > 0 && hPrime != h) {
      applyPendingChange();
    }
    double errorEstimate;
    while (true) {
      tn += h;
      history.predict(q);
      coefficients.update(q, h, tau, qWait == 1);
      double rl1 = 1.0 / coefficients.l()[1];
      double gamma = h * rl1;
      double gammaRatio = newton.gammaRatio(gamma, stepsSinceReset);
      boolean converged =
          newton.solve(
              tn,
              history.row(0),
              history.row(1),
              rl1,
              gamma,
              gammaRatio,
              weights,
              coefficients.newtonTolerance(),
              stepsSinceReset,
              attempt);
      if (!converged) {
        convergenceFailures++;
        stepConvergenceFailures++;
        restore(savedTime);
        etaMax = 1.0;
        if (Math.abs(h) <= hMin * ONE_PLUS_EPSILON) {
          throw new SolverException("Newton iteration failed at the minimum step size " + h, tn);
        }
        if (stepConvergenceFailures == MAX_CONVERGENCE_FAILURES) {
          throw new SolverException(
              "Newton iteration failed " + MAX_CONVERGENCE_FAILURES + " times in one step (h = " + h + ")", tn);
        }
        eta = Math.max(StepSizeController.CONVERGENCE_FAILURE_RATIO, hMin / Math.abs(h));
        attempt = NewtonCorrector.Attempt.AFTER_CONVERGENCE_FAILURE;
        rescale();
        continue;
      }
      errorEstimate = newton.correctionNorm() * coefficients.errorConstant();
      if (errorEstimate <= 1.0) {
        break;
      }
      errorTestFailures++;
      stepErrorFailures++;
      attempt = NewtonCorrector.Attempt.AFTER_ERROR_TEST_FAILURE;
      restore(savedTime);
      if (Math.abs(h) <= hMin * ONE_PLUS_EPSILON) {
        throw new SolverException("error test failed at the minimum step size " + h, tn);
      }
      if (stepErrorFailures == MAX_ERROR_TEST_FAILURES) {
        throw new SolverException(
            "error test failed " + MAX_ERROR_TEST_FAILURES + " times in one step (h = " + h + ")", tn);
      }
      etaMax = 1.0;
      double hMinRatio = hMin / Math.abs(h);
      if (stepErrorFailures <= StepSizeController.ERROR_FAILURES_BEFORE_ORDER_DROP) {
        eta = StepSizeController.afterErrorFailure(errorEstimate, q, stepErrorFailures, hMinRatio);
        rescale();
      } else if (q > 1) {
        // Repeated failures: the higher-order history is not trusted any more.
        eta = Math.max(StepSizeController.MIN_RATIO_AFTER_ERROR, hMinRatio);
        adjustOrder(-1);
        q--;
        qWait = q + 1;
        rescale();
      } else {
        // Already at order 1: rebuild the first-derivative row from a fresh f evaluation.
        eta = Math.max(StepSizeController.MIN_RATIO_AFTER_ERROR, hMinRatio);
        h *= eta;
        hPrime = h;
        qWait = LONG_WAIT;
        newton.evaluateRhs(tn, history.row(0), scratch);
        double[] z1 = history.row(1);
        for (int i = 0; i < n; i++) {
          z1[i] = h * scratch[i];
        }
      }
    }
    completeStep();
    prepareNextStep(errorEstimate);
    etaMax = StepSizeController.MAX_GROWTH;
  }

  private void restore(double savedTime) {
    tn = savedTime;
    history.retract(q);
  }

  /** Rescales the history by the current eta and adopts the new step size. */
  private void rescale() {
    history.rescale(q, eta);
    h *= eta;
    hPrime = h;
  }

  /** Applies the order and step size chosen after the previous step. */
  private void applyPendingChange() {
    if (qPrime != q) {
      adjustOrder(qPrime - q);
      q = qPrime;
      qWait = q + 1;
    }
    rescale();
  }

  private void adjustOrder(int deltaQ) {
    if (q == 2 && deltaQ != 1) {
      // Dropping from 2 to 1 leaves rows 0 and 1 as they are.
      return;
    }
    if (deltaQ == 1) {
      history.increaseOrder(q, h, tau);
    } else {
      history.decreaseOrder(q, h, tau);
    }
  }

  private void completeStep() {
    stepsSinceReset++;
    steps++;
    hUsed = h;
    qUsed = q;
    for (int i = q; i >= 2; i--) {
      tau[i] = tau[i - 1];
    }
    if (q == 1 && stepsSinceReset > 1) {
      tau[2] = tau[1];
    }
    tau[1] = h;
    double[] correction = newton.correction();
    history.applyCorrection(q, coefficients.l(), correction);
    qWait--;
    if (qWait == 1 && q != maxOrder) {
      // Keep this corrector: the order q+1 estimate of the next step compares it with the next one.
      System.arraycopy(correction, 0, history.savedCorrection(), 0, n);
      savedHigherOrderRatio = coefficients.higherOrderRatio();
    }
  }

  /** Chooses step size and order for the next step (CVODE's eta selection after a successful step). */
  private void prepareNextStep(double errorEstimate) {
    if (etaMax == 1.0) {
      // A failure occurred on this step: keep h and q for now.
      qWait = Math.max(qWait, 2);
      qPrime = q;
      hPrime = h;
      eta = 1.0;
      return;
    }
    double etaSame = StepSizeController.sameOrder(errorEstimate, q);
    if (qWait != 0) {
      eta = etaSame;
      qPrime = q;
      limitEta();
      return;
    }
    qWait = 2;
    double etaLower = 0.0;
    if (q > 1) {
      double lowerEstimate =
          WeightedNorm.rms(history.row(q), weights) * coefficients.lowerOrderConstant();
      etaLower = StepSizeController.lowerOrder(lowerEstimate, q);
    }
    double etaHigher = 0.0;
    double[] correction = newton.correction();
    if (q != maxOrder && savedHigherOrderRatio != 0.0) {
      double ratio =
          (coefficients.higherOrderRatio() / savedHigherOrderRatio)
              * StepSizeController.integerPower(h / tau[2], q + 1);
      double[] saved = history.savedCorrection();
      for (int i = 0; i < n; i++) {
        scratch[i] = -ratio * saved[i] + correction[i];
      }
      double higherEstimate = WeightedNorm.rms(scratch, weights) * coefficients.higherOrderConstant();
      etaHigher = StepSizeController.higherOrder(higherEstimate, q);
    }
    double best = Math.max(etaLower, Math.max(etaSame, etaHigher));
    if (best < StepSizeController.MIN_WORTHWHILE_GROWTH) {
      eta = 1.0;
      qPrime = q;
    } else if (best == etaLower) {
      eta = etaLower;
      qPrime = q - 1;
    } else if (best == etaSame) {
      eta = etaSame;
      qPrime = q;
    } else {
      eta = etaHigher;
      qPrime = q + 1;
      System.arraycopy(correction, 0, history.savedCorrection(), 0, n);
    }
    limitEta();
  }

  /** Ignores changes below 1.5×, caps growth by etaMax and the step by hMax. */
  private void limitEta() {
    if (eta < StepSizeController.MIN_WORTHWHILE_GROWTH) {
      eta = 1.0;
      hPrime = h;
      return;
    }
    eta = Math.min(eta, etaMax);
    eta /= Math.max(1.0, Math.abs(h) * hMaxInverse * eta);
    hPrime = h * eta;
  }

  private void interpolate(double t, double[] out) {
    double fuzz = INTERPOLATION_FUZZ * (Math.abs(tn) + Math.abs(hUsed));
    double earliest = tn - hUsed - fuzz;
    double latest = tn + fuzz;
    if ((t - earliest) * (t - latest) > 0.0) {
      throw new IllegalArgumentException(
          "t = " + t + " is outside the last step [" + (tn - hUsed) + ", " + tn + "]");
    }
    history.interpolate(q, (t - tn) / h, out);
  }
}
