package io.mcpbridge.core.pk;

import io.mcpbridge.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A PK parameter the user defines on top of the standard ones, with the semantics of ospsuite's
 * {@code addUserDefinedPKParameter}: a base quantity ({@link StandardPkParameter}) computed over a
 * window of the series.
 *
 * <p><b>Window.</b> Start = {@code startTime}, or the start of application {@code
 * startApplicationIndex}, plus {@code startTimeOffset}; without either, the first sample. End =
 * {@code endTime}, or the <em>start</em> of application {@code endApplicationIndex}, plus {@code
 * endTimeOffset}; without either, the last sample. Each bound maps to the first sample at or after
 * it, as the standard intervals do.
 *
 * <p><b>Dose</b> (for {@code _norm}): with application indices and no times or offsets, the sum of
 * the doses of applications [start, end) (end defaulting to after the last); with neither, and
 * whenever times or offsets are given, the total dose (OSP falls back to it). CL, Vss and Vd always
 * use the total dose. A {@code normalizationFactor} divides the value (only the divided value is
 * reported).
 *
 * @param name the name reported, e.g. {@code MyCmax}; must not be a standard parameter's name
 * @param base what is computed
 * @param startTime window start in min, or null
 * @param endTime window end in min, or null
 * @param startApplicationIndex 1-based application whose start opens the window, or null
 * @param endApplicationIndex 1-based application whose start closes the window, or null
 * @param startTimeOffset min added to the start (needs startTime or startApplicationIndex), or null
 * @param endTimeOffset min added to the end (needs endTime or endApplicationIndex), or null
 * @param normalizationFactor divisor of the value, or null
 * @param concentrationThreshold the level for {@code Tthreshold} (required there, refused elsewhere)
 */
public record UserDefinedPkParameter(
    String name,
    StandardPkParameter base,
    Double startTime,
    Double endTime,
    Integer startApplicationIndex,
    Integer endApplicationIndex,
    Double startTimeOffset,
    Double endTimeOffset,
    Double normalizationFactor,
    Double concentrationThreshold) {

  /** Names of the standard parameters of either dosing mode, which a user-defined one may not take. */
  static final Set<String> STANDARD_NAMES = Set.of("C_max", "C_max_norm", "t_max", "C_tEnd", "AUC_tEnd",
      "AUC_tEnd_norm", "AUC_inf", "AUC_inf_norm", "MRT", "Thalf", "FractionAucLastToInf", "CL", "Vss", "Vd",
      "C_max_tD1_tD2", "C_max_tD1_tD2_norm", "t_max_tD1_tD2", "C_trough_tD2", "AUC_tD1_tD2", "AUC_tD1_tD2_norm",
      "AUC_inf_tD1", "AUC_inf_tD1_norm", "AUC_tDLast_minus_1_tDLast", "AUC_tDLast_minus_1_tDLast_norm",
      "C_trough_tDLast", "C_max_tDLast_tEnd", "C_max_tDLast_tEnd_norm", "t_max_tDLast_tEnd", "Thalf_tDLast_tEnd",
      "AUC_inf_tDLast", "AUC_inf_tDLast_norm");

  /**
   * @throws InvalidInputException naming every problem of the definition
   */
  public UserDefinedPkParameter {
    List<String> problems = problems(name, base, startTime, endTime, startApplicationIndex, endApplicationIndex,
        startTimeOffset, endTimeOffset, normalizationFactor, concentrationThreshold);
    if (!problems.isEmpty()) {
      String label = name == null || name.isBlank() ? "user-defined PK parameter" : "user-defined PK parameter '" + name + "'";
      throw new InvalidInputException(label + ": " + String.join("; ", problems));
    }
  }

  /** A parameter over the whole series with nothing but a name and a base. */
  public static UserDefinedPkParameter of(String name, StandardPkParameter base) {
    return new UserDefinedPkParameter(name, base, null, null, null, null, null, null, null, null);
  }

  /** The keys {@link #parse} accepts. */
  public static final List<String> KEYS = List.of("name", "base", "start", "end", "startApplication", "endApplication",
      "startOffset", "endOffset", "normalizationFactor", "threshold");

  /**
   * Reads a definition written {@code key=value,key=value}, e.g. {@code
   * name=MyCmax,base=C_max,start=0,end=480}; keys are {@link #KEYS}, application indices 1-based.
   *
   * @throws InvalidInputException naming every malformed item and every problem of the definition
   */
  public static UserDefinedPkParameter parse(String text) {
    java.util.Map<String, String> items = new java.util.LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String item : text.split(",", -1)) {
      int eq = item.indexOf('=');
      String key = eq < 0 ? item.trim() : item.substring(0, eq).trim();
      if (eq < 0 || !KEYS.contains(key)) {
        problems.add("'" + item.trim() + "' is not KEY=VALUE with KEY one of " + String.join(", ", KEYS));
      } else if (items.put(key, item.substring(eq + 1).trim()) != null) {
        problems.add(key + " is given twice");
      }
    }
    Double start = number(items, "start", problems);
    Double end = number(items, "end", problems);
    Integer startApp = index(items, "startApplication", problems);
    Integer endApp = index(items, "endApplication", problems);
    Double startOffset = number(items, "startOffset", problems);
    Double endOffset = number(items, "endOffset", problems);
    Double factor = number(items, "normalizationFactor", problems);
    Double threshold = number(items, "threshold", problems);
    StandardPkParameter base = null;
    if (items.containsKey("base")) {
      try {
        base = StandardPkParameter.fromOspName(items.get("base"));
      } catch (InvalidInputException e) {
        problems.add(e.getMessage());
      }
    }
    String name = items.get("name");
    if (!problems.isEmpty()) {
      // Name the definition's own problems too, so one error lists everything to fix.
      for (String p : problems(name, base, start, end, startApp, endApp, startOffset, endOffset, factor, threshold)) {
        if (!(p.equals("base is required") && items.containsKey("base"))) {
          problems.add(p);
        }
      }
      throw new InvalidInputException("user-defined PK parameter '" + text + "': " + String.join("; ", problems));
    }
    return new UserDefinedPkParameter(name, base, start, end, startApp, endApp, startOffset, endOffset, factor,
        threshold);
  }

  private static Double number(java.util.Map<String, String> items, String key, List<String> problems) {
    String v = items.get(key);
    if (v == null) {
      return null;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      problems.add(key + " '" + v + "' is not a number");
      return null;
    }
  }

  private static Integer index(java.util.Map<String, String> items, String key, List<String> problems) {
    String v = items.get(key);
    if (v == null) {
      return null;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      problems.add(key + " '" + v + "' is not a whole number");
      return null;
    }
  }

  /**
   * Checks a set of definitions together.
   *
   * @throws InvalidInputException if two share a name
   */
  public static List<UserDefinedPkParameter> distinct(List<UserDefinedPkParameter> parameters) {
    Set<String> seen = new HashSet<>();
    List<String> repeated = new ArrayList<>();
    for (UserDefinedPkParameter p : parameters) {
      if (!seen.add(p.name())) {
        repeated.add(p.name());
      }
    }
    if (!repeated.isEmpty()) {
      throw new InvalidInputException("user-defined PK parameter names must be unique; repeated: "
          + String.join(", ", repeated));
    }
    return List.copyOf(parameters);
  }

  private static List<String> problems(String name, StandardPkParameter base, Double startTime, Double endTime,
      Integer startIndex, Integer endIndex, Double startOffset, Double endOffset, Double factor, Double threshold) {
    List<String> out = new ArrayList<>();
    if (name == null || name.isBlank()) {
      out.add("name is required");
    } else if (!name.matches("[A-Za-z0-9_.\\- ]+")) {
      out.add("name may hold only letters, digits, space, '_', '.' and '-'");
    } else if (STANDARD_NAMES.contains(name)) {
      out.add("name is a standard PK parameter's; choose another");
    }
    if (base == null) {
      out.add("base is required");
    }
    finite(out, "start", startTime);
    finite(out, "end", endTime);
    finite(out, "startOffset", startOffset);
    finite(out, "endOffset", endOffset);
    if (startTime != null && startIndex != null) {
      out.add("give start or startApplication, not both");
    }
    if (endTime != null && endIndex != null) {
      out.add("give end or endApplication, not both");
    }
    if (startIndex != null && startIndex < 1) {
      out.add("startApplication is 1-based and must be at least 1");
    }
    if (endIndex != null && endIndex < 1) {
      out.add("endApplication is 1-based and must be at least 1");
    }
    if (startOffset != null && startTime == null && startIndex == null) {
      out.add("startOffset needs start or startApplication");
    }
    if (endOffset != null && endTime == null && endIndex == null) {
      out.add("endOffset needs end or endApplication");
    }
    if (startTime != null && endTime != null && Double.isFinite(startTime) && Double.isFinite(endTime)
        && startTime + (startOffset == null ? 0 : startOffset) >= endTime + (endOffset == null ? 0 : endOffset)) {
      out.add("the window must start before it ends");
    }
    if (startIndex != null && endIndex != null && startIndex >= endIndex && startOffset == null && endOffset == null) {
      out.add("startApplication must be before endApplication");
    }
    if (factor != null && !(Double.isFinite(factor) && factor != 0)) {
      out.add("normalizationFactor must be a finite, non-zero number");
    }
    if (base == StandardPkParameter.T_THRESHOLD && threshold == null) {
      out.add("Tthreshold needs a concentration threshold");
    }
    if (threshold != null && base != null && base != StandardPkParameter.T_THRESHOLD) {
      out.add("a concentration threshold is only used by Tthreshold");
    }
    finite(out, "threshold", threshold);
    return out;
  }

  private static void finite(List<String> out, String field, Double value) {
    if (value != null && !Double.isFinite(value)) {
      out.add(field + " must be a finite number");
    }
  }

  @Override
  public String toString() {
    return Objects.toString(name) + "(" + (base == null ? "?" : base.ospName()) + ")";
  }
}
