package io.mcpbridge.engine.pkml.assembly;

import io.mcpbridge.engine.pkml.model.TablePoint;
import java.util.ArrayList;
import java.util.List;

/**
 * A piecewise-linear table: interpolated values with constant extrapolation, or, in derived mode,
 * the slope of the current segment (zero outside the table), as SimModel evaluates it.
 */
final class TableFunction {
  private final double[] xs;
  private final double[] ys;
  private final boolean derived;
  private final List<Double> restartTimes;

  TableFunction(List<TablePoint> points, boolean derived) {
    int n = points.size();
    xs = new double[n];
    ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = points.get(i).x();
      ys[i] = points.get(i).y();
    }
    this.derived = derived;
    List<Double> restarts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean slopeStarts = derived && i > 0 && i < n - 1
          && slope(i - 1) == 0 && slope(i) != 0;
      if (i == 0 || points.get(i).restartSolver() || slopeStarts) {
        restarts.add(xs[i]);
      }
    }
    restartTimes = List.copyOf(restarts);
  }

  private double slope(int segment) {
    return (ys[segment + 1] - ys[segment]) / (xs[segment + 1] - xs[segment]);
  }

  /** Value (or slope in derived mode) at x. */
  double value(double x) {
    int n = xs.length;
    if (n == 0) {
      return 0;
    }
    if (derived) {
      if (n < 2 || x < xs[0] || x >= xs[n - 1]) {
        return 0;
      }
      return slope(segmentOf(x));
    }
    if (x <= xs[0]) {
      return ys[0];
    }
    if (x >= xs[n - 1]) {
      return ys[n - 1];
    }
    int i = segmentOf(x);
    return ys[i] + (x - xs[i]) * slope(i);
  }

  /** Index i with xs[i] <= x < xs[i+1], for xs[0] <= x < xs[last]. */
  private int segmentOf(double x) {
    int lo = 0;
    int hi = xs.length - 1;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (xs[mid] <= x) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Times at which the solver is re-initialised because of this table. */
  List<Double> restartTimes() {
    return restartTimes;
  }
}
