package io.mcpbridge.core.audit;

import java.util.Objects;

/**
 * Where something sits in a stored trail.
 *
 * @param file file (or object) name relative to the trail root
 * @param line 1-based line number in it
 */
public record TrailPosition(String file, long line) {
  public TrailPosition {
    Objects.requireNonNull(file, "file");
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
