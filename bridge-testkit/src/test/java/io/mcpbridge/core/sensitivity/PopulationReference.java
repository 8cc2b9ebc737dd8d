package io.mcpbridge.core.sensitivity;

import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.service.ModelAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The read-only population reference data ({@code shared/reference/population}), found by walking up. */
final class PopulationReference {
  private static final Path RELATIVE = Path.of("shared", "reference", "population");

  private PopulationReference() {}

  static Path file(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE).resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("reference file " + RELATIVE.resolve(name) + " not found above the working directory");
  }

  static ModelRef model(String name) {
    Path p = file(name);
    try {
      return new ModelRef(p.toRealPath(), ModelAccess.sha256(p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One individual's parameter values from a PK-Sim population CSV (comment lines start with '#';
   * parameter columns are written {@code path [unit]}; the units of this file are base units).
   */
  static List<ParameterOverride> individual(String csv, int id) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String l : Files.readAllLines(file(csv), StandardCharsets.UTF_8)) {
      if (!l.startsWith("#") && !l.isBlank()) {
        lines.add(l);
      }
    }
    String[] header = lines.get(0).split(",");
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      if (Integer.parseInt(cells[0].trim()) != id) {
        continue;
      }
      List<ParameterOverride> out = new ArrayList<>();
      for (int c = 0; c < header.length; c++) {
        String column = header[c].replace("\"", "").trim();
        int unit = column.lastIndexOf(" [");
        if (column.contains("|") && unit > 0) {
          out.add(new ParameterOverride(column.substring(0, unit), Double.parseDouble(cells[c].trim())));
        }
      }
      return out;
    }
    throw new IllegalArgumentException("no individual " + id + " in " + csv);
  }

  /** One row of OSP's sensitivity export. */
  record OspRow(String quantityPath, String parameter, String pkParameter, double value, String parameterPath) {}

  static List<OspRow> ospSensitivities(String name) throws IOException {
    List<OspRow> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file(name), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] c = line.split(",");
      out.add(new OspRow(unquote(c[0]), unquote(c[1]), unquote(c[2]), Double.parseDouble(c[3]), unquote(c[4])));
    }
    return out;
  }

  private static String unquote(String s) {
    String t = s.trim();
    return t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }
}
