package io.mcpbridge.core.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies the exact bytes of a model file: where it is and what it hashed to when it was
 * admitted. A run that finds different bytes at the path refuses to proceed.
 *
 * @param path absolute, symlink-resolved path of the {@code .pkml} file
 * @param sha256 lowercase hex SHA-256 of the file content
 */
public record ModelRef(Path path, String sha256) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  public ModelRef {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    if (!HEX64.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
    }
  }
}
