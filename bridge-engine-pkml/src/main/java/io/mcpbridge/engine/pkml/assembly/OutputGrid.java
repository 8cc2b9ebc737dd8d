package io.mcpbridge.engine.pkml.assembly;

import io.mcpbridge.core.model.OutputInterval;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The user output times of OSP: per interval n = max(2, rint(resolution × length) + 1) equally
 * spaced points (1 if start = end, the last exactly the end), merged, sorted, de-duplicated as
 * 32-bit floats, points ≤ 0 dropped and t = 0 put first. Halves round to even as in .NET.
 */
public final class OutputGrid {
  private OutputGrid() {}

  /** The output times in minutes, starting with 0. */
  public static double[] times(List<OutputInterval> intervals) {
    List<Double> all = new ArrayList<>();
    for (OutputInterval i : intervals) {
      double start = i.startTime();
      double end = i.endTime();
      if (start == end) {
        all.add(start);
        continue;
      }
      long n = Math.max(2, (long) Math.rint(i.resolution() * (end - start)) + 1);
      double step = (end - start) / (n - 1);
      for (long k = 0; k < n - 1; k++) {
        all.add(start + k * step);
      }
      all.add(end);
    }
    double[] sorted = all.stream().mapToDouble(Double::doubleValue).filter(t -> t > 0).sorted().toArray();
    double[] out = new double[sorted.length + 1];
    int count = 1;
    for (double t : sorted) {
      if ((float) t != (float) out[count - 1]) {
        out[count++] = t;
      }
    }
    return Arrays.copyOf(out, count);
  }
}
