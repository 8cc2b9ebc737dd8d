package io.mcpbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpbridge.core.model.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON-RPC framing, the lifecycle and version negotiation, with JSON fixtures. */
class McpServerProtocolTest {
  private final McpHarness mcp = McpHarness.as(Role.OPERATOR);

  @ParameterizedTest
  @CsvSource({"2025-11-25,2025-11-25", "2025-06-18,2025-06-18", "2025-03-26,2025-03-26", "2024-11-05,2024-11-05",
      "1999-01-01,2025-11-25"})
  void initialize_negotiatesTheClientsVersionOrOffersTheNewest(String requested, String expected) {
    JsonNode reply = mcp.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
        + requested + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}");

    assertThat(reply.path("id").asInt()).isEqualTo(1);
    JsonNode result = reply.get("result");
    assertThat(result.path("protocolVersion").asText()).isEqualTo(expected);
    assertThat(result.path("capabilities").fieldNames()).toIterable()
        .contains("tools", "resources", "prompts", "completions", "logging");
    assertThat(result.path("serverInfo").path("name").asText()).isEqualTo("mcp-bridge");
    assertThat(result.path("instructions").asText()).contains("run_simulation");
  }

  @Test
  void ping_answersEmptyResult_evenBeforeInitialize() {
    JsonNode reply = mcp.send("{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}");

    assertThat(reply.path("id").asText()).isEqualTo("p");
    assertThat(reply.get("result").isObject()).isTrue();
    assertThat(reply.get("result").size()).isZero();
  }

  @Test
  void requestBeforeInitialize_isAnInvalidRequest() {
    JsonNode reply = mcp.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");

    assertThat(reply.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_REQUEST);
  }

  @Test
  void unknownMethod_isMethodNotFound() {
    mcp.initialized("{}");

    JsonNode reply = mcp.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/dance\"}");

    assertThat(reply.path("error").path("code").asInt()).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
    assertThat(reply.path("error").path("message").asText()).contains("tools/dance");
  }

  @Test
  void wrongJsonrpcVersionOrNonObject_isInvalidRequest() {
    assertThat(mcp.send("{\"jsonrpc\":\"1.0\",\"id\":4,\"method\":\"ping\"}").path("error").path("code").asInt())
        .isEqualTo(JsonRpc.INVALID_REQUEST);
    JsonNode batch = mcp.send("[{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}]");
    assertThat(batch.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_REQUEST);
    assertThat(batch.get("id").isNull()).isTrue();
  }

  @Test
  void missingParameter_isInvalidParams_withoutStackTrace() {
    mcp.initialized("{}");

    JsonNode reply = mcp.send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{}}");

    assertThat(reply.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
    assertThat(reply.toString()).doesNotContain("at io.").doesNotContain("Exception");
  }

  @Test
  void notificationsAndResponses_getNoReply() {
    mcp.initialized("{}");

    assertThat(mcp.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\"}")).isNull();
    assertThat(mcp.send("{\"jsonrpc\":\"2.0\",\"id\":\"s-99\",\"result\":{}}")).isNull();
  }

  @Test
  void logging_setLevel_acceptsSyslogLevelsAndRejectsOthers() {
    mcp.initialized("{}");

    assertThat(mcp.send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"warning\"}}")
        .has("result")).isTrue();
    assertThat(mcp.session.logLevel()).isEqualTo(LogLevel.WARNING);
    assertThat(mcp.send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"loud\"}}")
        .path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
  }
}
