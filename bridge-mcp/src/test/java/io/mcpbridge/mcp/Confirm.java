package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/** Calls a critical tool the way a confirmed client does: ask, then retry with the nonce. */
final class Confirm {
  private Confirm() {}

  static JsonNode call(McpHarness mcp, String tool, String arguments, String extraMeta) {
    JsonNode refused = mcp.call(tool, arguments);
    String nonce = refused.path("_meta").path(ConfirmationGate.META_KEY).asText();
    if (nonce.isEmpty()) {
      throw new AssertionError("expected a confirmation nonce, got " + refused);
    }
    return mcp.call(tool, arguments, "{\"" + ConfirmationGate.META_KEY + "\":\"" + nonce + "\""
        + (extraMeta == null ? "" : "," + extraMeta) + "}");
  }

  static void load(McpHarness mcp, String simulationId) {
    JsonNode r = call(mcp, "load_simulation", "{\"filePath\":\"examples/iv-bolus.pkml\",\"simulationId\":\""
        + simulationId + "\"}", null);
    if (r.path("isError").asBoolean()) {
      throw new AssertionError("load failed: " + r);
    }
  }
}
