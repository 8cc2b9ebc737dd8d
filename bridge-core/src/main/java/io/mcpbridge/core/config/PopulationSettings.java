package io.mcpbridge.core.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of population runs.
 *
 * @param storagePath directory of result chunks
 * @param retention how long results are kept
 */
public record PopulationSettings(Path storagePath, Duration retention) {}
