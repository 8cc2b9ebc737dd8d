package io.mcpbridge.core.config;

import java.nio.file.Path;

/** @param path the SQLite file of the durable registry */
public record RegistrySettings(Path path) {}
