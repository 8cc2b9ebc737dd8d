package io.mcpbridge.mcp;

import java.util.List;

/**
 * The MCP revisions this server speaks and how one is chosen. Legacy revisions (up to 2025-11-25)
 * are negotiated once by {@code initialize} and live in a session; modern revisions (2026-07-28)
 * are declared on every request in {@code _meta} and served without a session.
 */
public final class ProtocolVersions {
  /** The stateless revision. */
  public static final String MODERN = "2026-07-28";
  /** Modern revisions, newest first. */
  public static final List<String> MODERN_SUPPORTED = List.of(MODERN);
  /** Legacy (initialize-based) revisions, newest first. */
  public static final List<String> SUPPORTED = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
  /** Every revision served on the endpoint, newest first (server/discover, UnsupportedProtocolVersion). */
  public static final List<String> ALL = List.of(MODERN, "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
  /** What an HTTP request without MCP-Protocol-Version is assumed to speak (spec 2025-06-18). */
  public static final String ASSUMED_WITHOUT_HEADER = "2025-03-26";

  private ProtocolVersions() {}

  /** The client's version if supported, else the newest legacy one (the client may then disconnect). */
  public static String negotiate(String requested) {
    return requested != null && SUPPORTED.contains(requested) ? requested : SUPPORTED.get(0);
  }

  /** True if the revision is a legacy one this server speaks. */
  public static boolean isSupported(String version) {
    return SUPPORTED.contains(version);
  }

  /** True if the revision is a modern (stateless) one this server speaks. */
  public static boolean isModern(String version) {
    return MODERN_SUPPORTED.contains(version);
  }
}
