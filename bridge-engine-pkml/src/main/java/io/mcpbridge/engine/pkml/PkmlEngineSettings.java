package io.mcpbridge.engine.pkml;

/**
 * Limits of the native engine.
 *
 * @param maxFileBytes files larger than this are rejected before parsing
 * @param cachedModels how many parsed models are kept (by content hash)
 */
public record PkmlEngineSettings(long maxFileBytes, int cachedModels) {
  /** 64 MiB files, 16 cached models. */
  public static final PkmlEngineSettings DEFAULTS = new PkmlEngineSettings(64L * 1024 * 1024, 16);

  public PkmlEngineSettings {
    if (maxFileBytes <= 0) {
      throw new IllegalArgumentException("maxFileBytes must be positive");
    }
    if (cachedModels < 1) {
      throw new IllegalArgumentException("cachedModels must be at least 1");
    }
  }
}
