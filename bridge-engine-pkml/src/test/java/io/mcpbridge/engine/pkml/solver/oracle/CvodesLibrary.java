package io.mcpbridge.engine.pkml.solver.oracle;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.DoubleByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of the C API of SUNDIALS CVODES 6.x (Debian's {@code libsundials_cvodes.so}, which also
 * contains the serial vector, dense matrix and dense linear solver modules) that the oracle calls.
 * Index type is int64 and realtype double in Debian's build.
 */
public interface CvodesLibrary extends Library {
  int CV_BDF = 2;
  int CV_NORMAL = 1;
  int CV_ONE_STEP = 2;

  /** CVRhsFn: f(t, y) into ydot; 0 on success. */
  interface RhsFunction extends Callback {
    int invoke(double t, Pointer y, Pointer ydot, Pointer userData);
  }

  /** CVLsJacFn: the dense Jacobian of f at (t, y). */
  interface JacobianFunction extends Callback {
    int invoke(double t, Pointer y, Pointer fy, Pointer jacobian, Pointer userData, Pointer tmp1, Pointer tmp2,
        Pointer tmp3);
  }

  int SUNContext_Create(Pointer comm, PointerByReference context);

  int SUNContext_Free(PointerByReference context);

  Pointer N_VNew_Serial(long length, Pointer context);

  Pointer N_VGetArrayPointer(Pointer vector);

  void N_VDestroy(Pointer vector);

  Pointer SUNDenseMatrix(long rows, long columns, Pointer context);

  Pointer SUNDenseMatrix_Data(Pointer matrix);

  void SUNMatDestroy(Pointer matrix);

  Pointer SUNLinSol_Dense(Pointer vector, Pointer matrix, Pointer context);

  int SUNLinSolFree(Pointer solver);

  Pointer CVodeCreate(int method, Pointer context);

  int CVodeInit(Pointer memory, RhsFunction f, double t0, Pointer y0);

  int CVodeReInit(Pointer memory, double t0, Pointer y0);

  int CVodeSVtolerances(Pointer memory, double relTol, Pointer absTol);

  int CVodeSetMaxOrd(Pointer memory, int maxOrder);

  int CVodeSetInitStep(Pointer memory, double h0);

  int CVodeSetMinStep(Pointer memory, double hMin);

  int CVodeSetMaxStep(Pointer memory, double hMax);

  int CVodeSetMaxNumSteps(Pointer memory, long maxSteps);

  int CVodeSetLinearSolver(Pointer memory, Pointer solver, Pointer matrix);

  int CVodeSetJacFn(Pointer memory, JacobianFunction jacobian);

  int CVode(Pointer memory, double tOut, Pointer yOut, DoubleByReference tReturned, int task);

  int CVodeGetDky(Pointer memory, double t, int k, Pointer dky);

  int CVodeGetLastStep(Pointer memory, DoubleByReference h);

  int CVodeGetLastOrder(Pointer memory, IntByReference q);

  int CVodeGetNumSteps(Pointer memory, LongByReference steps);

  int CVodeGetNumRhsEvals(Pointer memory, LongByReference evaluations);

  int CVodeGetNumErrTestFails(Pointer memory, LongByReference failures);

  int CVodeGetNumNonlinSolvConvFails(Pointer memory, LongByReference failures);

  int CVodeGetNumJacEvals(Pointer memory, LongByReference evaluations);

  int CVodeGetNumLinSolvSetups(Pointer memory, LongByReference setups);

  void CVodeFree(PointerByReference memory);
}
