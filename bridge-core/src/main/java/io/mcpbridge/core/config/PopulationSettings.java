package io.mcpbridge.core.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of population runs.
 *
 * @param storagePath directory of result chunks
 * @param retention how long results are kept
 * @param chunkSize individuals per chunk message when populations run on queue workers
 */
public record PopulationSettings(Path storagePath, Duration retention, int chunkSize) {
  /** Individuals per chunk unless POPULATION_CHUNK_SIZE says otherwise. */
  public static final int DEFAULT_CHUNK_SIZE = 100;

  public PopulationSettings {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be at least 1");
    }
  }

  /** Settings with the default chunk size. */
  public PopulationSettings(Path storagePath, Duration retention) {
    this(storagePath, retention, DEFAULT_CHUNK_SIZE);
  }
}
