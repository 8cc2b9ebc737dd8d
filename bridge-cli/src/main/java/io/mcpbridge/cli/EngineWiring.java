package io.mcpbridge.cli;

import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.service.ModelAccess;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;

/** The simulation engine and the model allow-list: what every process that runs models builds. */
final class EngineWiring {
  private static final int CACHED_MODELS = 16;

  private EngineWiring() {}

  static PkmlSimulationEngine engine(AppConfig config) {
    return new PkmlSimulationEngine(new PkmlEngineSettings(config.models().maxModelBytes(), CACHED_MODELS));
  }

  /** The models this process may open (MCP_MODEL_SEARCH_PATHS), with the size limit. */
  static ModelAccess models(AppConfig config) {
    return new ModelAccess(config.models().searchPaths(), config.models().maxModelBytes());
  }
}
