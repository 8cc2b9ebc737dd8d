package io.mcpbridge.cli;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.service.ModelAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The SHA-256 of a model file named on the command line, with the CLI's errors for a missing or unreadable file. */
final class ModelFileHash {
  private ModelFileHash() {}

  /**
   * @throws InvalidInputException if {@code file} is not a regular file
   * @throws BackendUnavailableException if it cannot be read
   */
  static String sha256(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file + ": no such file");
    }
    try {
      return ModelAccess.sha256(file);
    } catch (IOException e) {
      throw new BackendUnavailableException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }
}
