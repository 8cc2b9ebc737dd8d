package io.mcpbridge.core.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which files are simulation models: {@code .pkml} transfer files, and SimModel XML files (the
 * simulation kernel's input format) whose root element is {@code <Simulation>}. The extension
 * decides what may be opened; for {@code .xml} files, discovery also peeks at the first bytes so
 * that unrelated XML files are not listed as models.
 */
public final class ModelFileTypes {
  /** How much of an {@code .xml} file is read to find its root element. */
  static final int SNIFF_BYTES = 4096;

  private ModelFileTypes() {}

  /** True for names ending in {@code .pkml} or {@code .xml} (any case). */
  public static boolean hasModelExtension(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".pkml") || lower.endsWith(".xml");
  }

  /**
   * True if discovery should list the file: every {@code .pkml}, and {@code .xml} files whose
   * root element is {@code <Simulation>}.
   *
   * @throws IOException if an {@code .xml} file cannot be read
   */
  public static boolean isModelFile(Path file) throws IOException {
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".pkml")) {
      return true;
    }
    if (!lower.endsWith(".xml")) {
      return false;
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(SNIFF_BYTES);
    }
    return rootElementIsSimulation(new String(head, StandardCharsets.UTF_8));
  }

  /** True if the first element of this document start is {@code <Simulation ...>}. */
  static boolean rootElementIsSimulation(String head) {
    int i = head.startsWith("\uFEFF") ? 1 : 0;
    while (i < head.length()) {
      char c = head.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (head.startsWith("<?", i)) {
        i = after(head, "?>", i);
      } else if (head.startsWith("<!--", i)) {
        i = after(head, "-->", i);
      } else if (head.startsWith("<Simulation", i)) {
        int next = i + "<Simulation".length();
        return next < head.length() && (Character.isWhitespace(head.charAt(next)) || head.charAt(next) == '>'
            || head.charAt(next) == '/');
      } else {
        return false;
      }
    }
    return false;
  }

  private static int after(String text, String end, int from) {
    int at = text.indexOf(end, from);
    return at < 0 ? text.length() : at + end.length();
  }
}
