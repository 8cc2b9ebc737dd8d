package io.mcpbridge.mcp;

import java.util.Objects;

/**
 * How the server introduces itself in the initialize result.
 *
 * @param name implementation name
 * @param title human title
 * @param version implementation version
 * @param instructions guidance for the agent on how to use the server
 */
public record ServerInfo(String name, String title, String version, String instructions) {
  public ServerInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(instructions, "instructions");
  }
}
