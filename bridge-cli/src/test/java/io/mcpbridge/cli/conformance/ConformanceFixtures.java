package io.mcpbridge.cli.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.mcp.ListChanges;
import io.mcpbridge.mcp.McpFeatures;

/**
 * The tools, resources, prompts and completions the official MCP conformance suite drives
 * ({@code test_*} tools, {@code test://} resources, {@code test_*} prompts), laid over the bridge's
 * own features: fixture names are answered here, every other name by the bridge. Test code only:
 * the product never serves these.
 */
public final class ConformanceFixtures {
  /** A 1×1 red PNG, base64. */
  static final String RED_PIXEL_PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
  /** A WAV file with one silent sample at 8 kHz, base64. */
  static final String MINIMAL_WAV = "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQAAAAA=";

  private ConformanceFixtures() {}

  /**
   * The bridge's features with the suite's fixtures added.
   *
   * @param listChanges where the fixtures that change the tool and prompt lists announce it
   */
  public static McpFeatures around(McpFeatures product, ObjectMapper json, ListChanges listChanges) {
    return new McpFeatures(new FixtureTools(product.tools(), json, listChanges), new FixtureResources(product.resources(), json),
        new FixturePrompts(product.prompts(), json), new FixtureCompletions(product.completions()));
  }
}
