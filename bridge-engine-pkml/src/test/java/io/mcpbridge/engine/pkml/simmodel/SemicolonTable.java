package io.mcpbridge.engine.pkml.simmodel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@code ;}-separated PK-Sim export: comment lines starting with {@code #} are skipped, the first
 * other line is the header. Header names are kept as written (units in brackets included).
 */
record SemicolonTable(List<String> header, List<String[]> rows) {

  static SemicolonTable read(Path file) throws IOException {
    List<String> header = null;
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String l = line.startsWith("\uFEFF") ? line.substring(1) : line;
      if (l.isBlank() || l.startsWith("#")) {
        continue;
      }
      String[] cells = l.split(";", -1);
      if (header == null) {
        header = Arrays.asList(cells);
      } else {
        rows.add(cells);
      }
    }
    if (header == null) {
      throw new IllegalStateException(file + " has no header");
    }
    return new SemicolonTable(List.copyOf(header), rows);
  }

  int column(String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalStateException("no column " + name + " in " + header.subList(0, Math.min(5, header.size())));
    }
    return i;
  }
}
