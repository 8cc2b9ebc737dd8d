package io.mcpbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpbridge.core.model.Role;
import org.junit.jupiter.api.Test;

/** 2026-07-28 requests on the same server as 2025-era sessions: per-request _meta, no handshake. */
class ModernProtocolTest {
  private static final String META = "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
      + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
  private final McpHarness mcp = McpHarness.as(Role.VIEWER);

  private JsonNode modern(String method, String params) {
    return mcp.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"" + method + "\",\"params\":" + params + "}");
  }

  private JsonNode modern(String method) {
    return modern(method, "{\"_meta\":" + META + "}");
  }

  @Test
  void discover_withoutInitialize_namesBothErasCapabilitiesAndIdentity() {
    JsonNode result = modern("server/discover").get("result");

    assertThat(result.path("resultType").asText()).isEqualTo("complete");
    assertThat(result.path("supportedVersions").toString()).contains("2026-07-28", "2025-11-25");
    assertThat(result.path("capabilities").has("tools")).isTrue();
    assertThat(result.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").asText())
        .isEqualTo("mcp-bridge");
    assertThat(result.path("cacheScope").asText()).isEqualTo("public");
    assertThat(mcp.session.protocolVersion()).as("no session state is negotiated").isEmpty();
  }

  @Test
  void toolsList_isPrivatelyCacheable_andShowsOnlyWhatTheRoleMayCall() {
    JsonNode result = modern("tools/list").get("result");

    assertThat(result.path("resultType").asText()).isEqualTo("complete");
    assertThat(result.path("ttlMs").asLong()).isPositive();
    assertThat(result.path("cacheScope").asText()).isEqualTo("private");
    assertThat(result.path("tools").findValuesAsText("name")).contains("discover_models")
        .doesNotContain("run_simulation");
  }

  @Test
  void missingMetaOrCapabilities_isInvalidParams_andMarkedMalformed() {
    McpServer.Reply noMeta = mcp.server.process(mcp.session, mcp.principal, read(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}"), Channel.none(), "c", true);
    JsonNode noCapabilities = modern("tools/list",
        "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}");

    assertThat(noMeta.malformed()).isTrue();
    assertThat(noMeta.errorCode()).contains(JsonRpc.INVALID_PARAMS);
    assertThat(noCapabilities.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
    assertThat(noCapabilities.path("id").asInt()).isEqualTo(3);
  }

  @Test
  void unknownVersion_isUnsupportedProtocolVersion_listingWhatIsServed() {
    JsonNode error = modern("tools/list", "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"1900-01-01\","
        + "\"io.modelcontextprotocol/clientCapabilities\":{}}}").get("error");

    assertThat(error.path("code").asInt()).isEqualTo(JsonRpc.UNSUPPORTED_PROTOCOL_VERSION);
    assertThat(error.path("data").path("requested").asText()).isEqualTo("1900-01-01");
    assertThat(error.path("data").path("supported").toString()).contains("2026-07-28");
  }

  @Test
  void removedMethods_areMethodNotFound() {
    for (String method : new String[] {"initialize", "ping", "logging/setLevel", "resources/subscribe", "no/such"}) {
      assertThat(modern(method).path("error").path("code").asInt()).as(method).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
    }
  }

  @Test
  void missingResource_isInvalidParamsWithItsUri() {
    JsonNode error = modern("resources/read", "{\"uri\":\"bridge://simulations/nope\",\"_meta\":" + META + "}")
        .get("error");

    assertThat(error.path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
    assertThat(error.path("data").path("uri").asText()).isEqualTo("bridge://simulations/nope");
  }

  @Test
  void aLegacySessionOnTheSameServer_isUnaffected() {
    mcp.initialized("{}");
    modern("tools/list");

    assertThat(mcp.session.protocolVersion()).contains("2025-11-25");
    JsonNode legacy = mcp.send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\"}").get("result");
    assertThat(legacy.has("resultType")).as("2025 results keep their shape").isFalse();
    assertThat(legacy.has("ttlMs")).isFalse();
  }

  @Test
  void listen_acknowledgesWithTheSubscriptionId_forwardsOnlyRequestedChanges_andEndsOnCancel() throws Exception {
    ListChanges changes = ListChanges.announced();
    McpServer server = new McpServer(BridgeMcp.info("t"), BridgeMcp.features(
        new McpServices(mcp.tools, mcp.jobs, new io.mcpbridge.core.service.RegistryJobFollower(mcp.jobs, mcp.jobs), mcp.audit, java.time.Clock.systemUTC()), mcp.json), mcp.json,
        changes);
    Thread listener = new Thread(() -> server.process(mcp.session, mcp.principal, read(
        "{\"jsonrpc\":\"2.0\",\"id\":\"sub-1\",\"method\":\"subscriptions/listen\",\"params\":{\"_meta\":" + META
        + ",\"notifications\":{\"toolsListChanged\":true}}}"), mcp.channel, "c", false));
    listener.start();
    waitFor(() -> mcp.sent("notifications/subscriptions/acknowledged").size() == 1);

    changes.publish(ListChanges.Kind.PROMPTS);
    changes.publish(ListChanges.Kind.TOOLS);
    waitFor(() -> mcp.sent("notifications/tools/list_changed").size() == 1);
    mcp.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"sub-1\"}}");
    listener.join(20000);

    assertThat(listener.isAlive()).isFalse();
    assertThat(mcp.sent("notifications/prompts/list_changed")).isEmpty();
    assertThat(mcp.sent("notifications/tools/list_changed").get(0).path("params").path("_meta")
        .path("io.modelcontextprotocol/subscriptionId").asText()).isEqualTo("sub-1");
    assertThat(mcp.sent("notifications/subscriptions/acknowledged").get(0).path("params").path("notifications")
        .toString()).isEqualTo("{\"toolsListChanged\":true}");
  }

  private JsonNode read(String text) {
    try {
      return mcp.json.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 2000 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }
}
