package io.mcpbridge.mcp;

import java.util.List;

/** The MCP revisions this server speaks, newest first, and how one is chosen. */
public final class ProtocolVersions {
  /** Newest first. */
  public static final List<String> SUPPORTED = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
  /** What an HTTP request without MCP-Protocol-Version is assumed to speak (spec 2025-06-18). */
  public static final String ASSUMED_WITHOUT_HEADER = "2025-03-26";

  private ProtocolVersions() {}

  /** The client's version if supported, else the newest this server speaks (the client may then disconnect). */
  public static String negotiate(String requested) {
    return requested != null && SUPPORTED.contains(requested) ? requested : SUPPORTED.get(0);
  }

  /** True if the revision is one this server speaks. */
  public static boolean isSupported(String version) {
    return SUPPORTED.contains(version);
  }
}
