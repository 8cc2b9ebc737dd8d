package io.mcpbridge.core.sensitivity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a local sensitivity analysis: one entry per output, PK parameter and varied
 * parameter, ordered by output, then PK parameter (in the PK calculator's order), then parameter.
 *
 * @param entries every sensitivity, including NaN ones
 * @param parameterPaths the varied parameters, in order
 * @param runs the number of simulations made (1 unperturbed + 2n per parameter)
 */
public record SensitivityResults(List<PkSensitivity> entries, List<String> parameterPaths, int runs) {
  public SensitivityResults {
    entries = List.copyOf(entries);
    parameterPaths = List.copyOf(parameterPaths);
  }

  /**
   * OSP's {@code allPKParameterSensitivitiesFor} over every (output, PK parameter): NaN dropped,
   * sorted by |S| descending, then entries added until their running Σ|S| reaches
   * {@code threshold} of the total. A threshold of 1 keeps every non-NaN entry.
   *
   * @param threshold 0 &lt; threshold ≤ 1
   */
  public List<PkSensitivity> aboveThreshold(double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1]: " + threshold);
    }
    Map<String, List<PkSensitivity>> groups = new LinkedHashMap<>();
    for (PkSensitivity e : entries) {
      groups.computeIfAbsent(e.quantityPath() + "\u0000" + e.pkParameter(), k -> new ArrayList<>()).add(e);
    }
    List<PkSensitivity> out = new ArrayList<>();
    for (List<PkSensitivity> group : groups.values()) {
      List<PkSensitivity> finite = new ArrayList<>();
      double total = 0;
      for (PkSensitivity e : group) {
        if (!Double.isNaN(e.value())) {
          finite.add(e);
          total += Math.abs(e.value());
        }
      }
      finite.sort(Comparator.comparingDouble((PkSensitivity e) -> Math.abs(e.value())).reversed());
      double running = 0;
      for (PkSensitivity e : finite) {
        out.add(e);
        running += Math.abs(e.value());
        if (threshold < 1 && running / total >= threshold) {
          break; // a zero total gives NaN, which never reaches the threshold: all are kept
        }
      }
    }
    return out;
  }

  /** The sensitivity of one PK parameter of one output to the parameter with this path or name. */
  public Optional<PkSensitivity> find(String quantityPath, String pkParameter, String parameterPathOrName) {
    Objects.requireNonNull(parameterPathOrName, "parameterPathOrName");
    return entries.stream()
        .filter(e -> e.quantityPath().equals(quantityPath) && e.pkParameter().equals(pkParameter))
        .filter(e -> e.parameterPath().equals(parameterPathOrName) || e.parameterName().equals(parameterPathOrName))
        .findFirst();
  }
}
