package io.mcpbridge.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where models may come from.
 *
 * @param searchPaths allow-listed directories
 * @param maxModelBytes largest accepted model file
 */
public record ModelSettings(List<Path> searchPaths, long maxModelBytes) {
  public ModelSettings {
    searchPaths = List.copyOf(searchPaths);
  }
}
