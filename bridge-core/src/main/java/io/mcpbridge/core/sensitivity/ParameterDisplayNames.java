package io.mcpbridge.core.sensitivity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OSP's display names of varied parameters (the {@code Parameter} column): the path without the
 * top container {@code Organism}, its elements joined with {@code -} ({@code Organism|p1} → {@code p1},
 * {@code Organism|Liver|Volume} → {@code Liver-Volume}). Names that would collide fall back to
 * the full path, so every name identifies one parameter.
 */
public final class ParameterDisplayNames {
  private static final String ORGANISM = "Organism";

  private ParameterDisplayNames() {}

  /** The display name of one path. */
  public static String of(String path) {
    List<String> parts = new ArrayList<>(Arrays.asList(path.split("\\|")));
    if (parts.size() > 1 && parts.get(0).equals(ORGANISM)) {
      parts.remove(0);
    }
    return String.join("-", parts);
  }

  /** Display names of several paths, unique among them; in the order given. */
  public static Map<String, String> of(List<String> paths) {
    Map<String, Integer> counts = new HashMap<>();
    for (String p : paths) {
      counts.merge(of(p), 1, Integer::sum);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : paths) {
      String name = of(p);
      out.put(p, counts.get(name) > 1 ? p : name);
    }
    return out;
  }
}
