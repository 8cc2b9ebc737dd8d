package io.mcpbridge.core.sensitivity;

import java.util.Objects;

/**
 * The sensitivity of one output's time course to one parameter, at every output time
 * ({@link LocalSensitivityAnalysis#runWithTimeCourses}).
 *
 * @param quantityPath the output
 * @param parameterName OSP's display name of the parameter
 * @param parameterPath the parameter's path
 * @param times output times in minutes
 * @param values S(t), NaN where the unperturbed value is 0 or not finite
 */
public record TimeCourseSensitivity(String quantityPath, String parameterName, String parameterPath, double[] times,
    double[] values) {
  public TimeCourseSensitivity {
    Objects.requireNonNull(quantityPath, "quantityPath");
    Objects.requireNonNull(parameterName, "parameterName");
    Objects.requireNonNull(parameterPath, "parameterPath");
    if (times.length != values.length) {
      throw new IllegalArgumentException("one value per time is needed");
    }
    times = times.clone();
    values = values.clone();
  }

  @Override
  public double[] times() {
    return times.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /**
   * The file of time-course sensitivities: a header {@code "QuantityPath","Parameter",
   * "ParameterPath","Time","Value"} (time in minutes), one line per output, parameter and time,
   * text quoted and numbers written as in OSP's sensitivity export.
   */
  public static String toCsv(Iterable<TimeCourseSensitivity> courses) {
    StringBuilder out = new StringBuilder("\"QuantityPath\",\"Parameter\",\"ParameterPath\",\"Time\",\"Value\"\n");
    for (TimeCourseSensitivity c : courses) {
      String prefix = q(c.quantityPath) + "," + q(c.parameterName) + "," + q(c.parameterPath) + ",";
      for (int i = 0; i < c.times.length; i++) {
        out.append(prefix).append(SensitivityCsv.number(c.times[i])).append(',')
            .append(SensitivityCsv.number(c.values[i])).append('\n');
      }
    }
    return out.toString();
  }

  private static String q(String text) {
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
