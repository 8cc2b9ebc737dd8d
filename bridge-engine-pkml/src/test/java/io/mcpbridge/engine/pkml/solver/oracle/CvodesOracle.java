package io.mcpbridge.engine.pkml.solver.oracle;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.DoubleByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.mcpbridge.engine.pkml.solver.BdfOptions;
import io.mcpbridge.engine.pkml.solver.OdeSystem;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an {@link OdeSystem} with the native SUNDIALS CVODES library configured as OSP configures it
 * (PKML-ENGINE.md §5.1): BDF with maximum order 5, Newton iteration, dense linear solver with the
 * system's exact Jacobian, scalar relative and vector absolute tolerance, initial step H0, HMin, HMax
 * and MxStep; for each time point it takes single steps until the internal time reaches or passes
 * the point and then interpolates the solution there with CVodeGetDky. Everything else stays at
 * CVODES' defaults.
 */
public final class CvodesOracle {
  private static final String LIBRARY = "sundials_cvodes";

  private final CvodesLibrary cvodes;

  private CvodesOracle(CvodesLibrary cvodes) {
    this.cvodes = cvodes;
  }

  /**
   * Loads the installed library.
   *
   * @throws UnsatisfiedLinkError if libsundials_cvodes.so cannot be loaded
   */
  public static CvodesOracle load() {
    return new CvodesOracle(Native.load(LIBRARY, CvodesLibrary.class));
  }

  /**
   * Integrates from t = 0 and y0 through the given time points (all &gt; 0, increasing).
   *
   * @throws IllegalStateException if a CVODES call reports an error
   */
  public Trajectory run(OdeSystem system, BdfOptions options, double[] y0, double[] times) {
    int n = system.size();
    PointerByReference contextRef = new PointerByReference();
    check(cvodes.SUNContext_Create(null, contextRef), "SUNContext_Create");
    Pointer context = contextRef.getValue();
    Pointer y = cvodes.N_VNew_Serial(n, context);
    Pointer absTol = cvodes.N_VNew_Serial(n, context);
    Pointer out = cvodes.N_VNew_Serial(n, context);
    Pointer matrix = cvodes.SUNDenseMatrix(n, n, context);
    Pointer solver = cvodes.SUNLinSol_Dense(y, matrix, context);
    PointerByReference memoryRef = new PointerByReference(cvodes.CVodeCreate(CvodesLibrary.CV_BDF, context));
    Pointer memory = memoryRef.getValue();
    // Held in locals for the whole run so that the garbage collector keeps the native callbacks alive.
    CvodesLibrary.RhsFunction rhs = rhsOf(system, n);
    CvodesLibrary.JacobianFunction jacobian = jacobianOf(system, n);
    try {
      cvodes.N_VGetArrayPointer(y).write(0, y0, 0, n);
      cvodes.N_VGetArrayPointer(absTol).write(0, options.absTol(), 0, n);
      check(cvodes.CVodeInit(memory, rhs, 0.0, y), "CVodeInit");
      check(cvodes.CVodeSVtolerances(memory, options.relTol(), absTol), "CVodeSVtolerances");
      check(cvodes.CVodeSetMaxOrd(memory, options.maxOrder()), "CVodeSetMaxOrd");
      check(cvodes.CVodeSetInitStep(memory, options.h0()), "CVodeSetInitStep");
      check(cvodes.CVodeSetMinStep(memory, options.hMin()), "CVodeSetMinStep");
      check(cvodes.CVodeSetMaxStep(memory, options.hMax()), "CVodeSetMaxStep");
      check(cvodes.CVodeSetMaxNumSteps(memory, options.maxSteps()), "CVodeSetMaxNumSteps");
      check(cvodes.CVodeSetLinearSolver(memory, solver, matrix), "CVodeSetLinearSolver");
      check(cvodes.CVodeSetJacFn(memory, jacobian), "CVodeSetJacFn");

      List<StepRecord> steps = new ArrayList<>();
      double[][] states = new double[times.length][n];
      DoubleByReference reached = new DoubleByReference();
      DoubleByReference lastStep = new DoubleByReference();
      IntByReference lastOrder = new IntByReference();
      double current = 0.0;
      for (int k = 0; k < times.length; k++) {
        while (current < times[k]) {
          check(cvodes.CVode(memory, times[k], out, reached, CvodesLibrary.CV_ONE_STEP), "CVode");
          current = reached.getValue();
          check(cvodes.CVodeGetLastStep(memory, lastStep), "CVodeGetLastStep");
          check(cvodes.CVodeGetLastOrder(memory, lastOrder), "CVodeGetLastOrder");
          steps.add(new StepRecord(current, lastStep.getValue(), lastOrder.getValue()));
        }
        check(cvodes.CVodeGetDky(memory, times[k], 0, out), "CVodeGetDky");
        cvodes.N_VGetArrayPointer(out).read(0, states[k], 0, n);
      }
      return new Trajectory(steps, states, counter(memory, Counter.ERROR_TEST_FAILURES),
          counter(memory, Counter.CONVERGENCE_FAILURES), counter(memory, Counter.JACOBIANS),
          counter(memory, Counter.SETUPS));
    } finally {
      cvodes.CVodeFree(memoryRef);
      cvodes.SUNLinSolFree(solver);
      cvodes.SUNMatDestroy(matrix);
      cvodes.N_VDestroy(out);
      cvodes.N_VDestroy(absTol);
      cvodes.N_VDestroy(y);
      cvodes.SUNContext_Free(contextRef);
    }
  }

  private enum Counter {
    ERROR_TEST_FAILURES,
    CONVERGENCE_FAILURES,
    JACOBIANS,
    SETUPS
  }

  private long counter(Pointer memory, Counter which) {
    LongByReference value = new LongByReference();
    int flag;
    switch (which) {
      case ERROR_TEST_FAILURES:
        flag = cvodes.CVodeGetNumErrTestFails(memory, value);
        break;
      case CONVERGENCE_FAILURES:
        flag = cvodes.CVodeGetNumNonlinSolvConvFails(memory, value);
        break;
      case JACOBIANS:
        flag = cvodes.CVodeGetNumJacEvals(memory, value);
        break;
      default:
        flag = cvodes.CVodeGetNumLinSolvSetups(memory, value);
    }
    check(flag, "counter " + which);
    return value.getValue();
  }

  private CvodesLibrary.RhsFunction rhsOf(OdeSystem system, int n) {
    double[] state = new double[n];
    double[] derivative = new double[n];
    return (t, y, ydot, userData) -> {
      cvodes.N_VGetArrayPointer(y).read(0, state, 0, n);
      system.rhs(t, state, derivative);
      cvodes.N_VGetArrayPointer(ydot).write(0, derivative, 0, n);
      return 0;
    };
  }

  private CvodesLibrary.JacobianFunction jacobianOf(OdeSystem system, int n) {
    double[] state = new double[n];
    double[][] dense = new double[n][n];
    double[] columnMajor = new double[n * n];
    return (t, y, fy, matrix, userData, tmp1, tmp2, tmp3) -> {
      cvodes.N_VGetArrayPointer(y).read(0, state, 0, n);
      for (double[] row : dense) {
        java.util.Arrays.fill(row, 0.0);
      }
      system.jacobian(t, state, dense);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          columnMajor[j * n + i] = dense[i][j];
        }
      }
      cvodes.SUNDenseMatrix_Data(matrix).write(0, columnMajor, 0, n * n);
      return 0;
    };
  }

  private static void check(int flag, String call) {
    if (flag < 0) {
      throw new IllegalStateException(call + " failed with CVODES flag " + flag);
    }
  }
}
