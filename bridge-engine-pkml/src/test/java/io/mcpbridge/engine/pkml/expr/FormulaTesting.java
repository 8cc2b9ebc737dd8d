package io.mcpbridge.engine.pkml.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the formula tests. */
final class FormulaTesting {

  private FormulaTesting() {}

  /** Alias names and values, in insertion order; reference i is the i-th entry. */
  static Map<String, Double> vars(Object... nameValuePairs) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      m.put((String) nameValuePairs[i], ((Number) nameValuePairs[i + 1]).doubleValue());
    }
    return m;
  }

  /** Value of a formula without references. */
  static double value(String text) {
    return Formula.parse(text, List.of()).evaluate(new double[0], new int[0]);
  }

  /** Value of a formula whose references are the keys of {@code vars}. */
  static double value(String text, Map<String, Double> vars) {
    Formula f = Formula.parse(text, new ArrayList<>(vars.keySet()));
    return f.evaluate(values(vars), identitySlots(vars.size()));
  }

  static double[] values(Map<String, Double> vars) {
    return vars.values().stream().mapToDouble(Double::doubleValue).toArray();
  }

  static int[] identitySlots(int n) {
    int[] slots = new int[n];
    for (int i = 0; i < n; i++) {
      slots[i] = i;
    }
    return slots;
  }
}
