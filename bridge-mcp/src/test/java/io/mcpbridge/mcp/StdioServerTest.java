package io.mcpbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stdio loop: one message per line, survives garbage, finishes in-flight work at end of input. */
class StdioServerTest {
  private final McpHarness mcp = new McpHarness();

  private List<JsonNode> serve(String... lines) throws Exception {
    StdioServer stdio = new StdioServer(mcp.server, Principal.localUser("alice", Role.OPERATOR), mcp.json,
        Clock.systemUTC(), 1024);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    stdio.serve(new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)), out);
    List<JsonNode> replies = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      replies.add(mcp.json.readTree(line));
    }
    return replies;
  }

  @Test
  void malformedLine_getsParseError_andTheSessionGoesOn() throws Exception {
    List<JsonNode> replies = serve(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}",
        "this is not json",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");

    assertThat(replies).hasSize(3);
    assertThat(replies).anySatisfy(r -> {
      assertThat(r.path("error").path("code").asInt()).isEqualTo(JsonRpc.PARSE_ERROR);
      assertThat(r.get("id").isNull()).isTrue();
    });
    assertThat(replies).anySatisfy(r -> assertThat(r.path("id").asInt()).isEqualTo(2));
  }

  @Test
  void endOfInput_waitsForRequestsInFlight() throws Exception {
    List<JsonNode> replies = serve(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"discover_models\"}}");

    assertThat(replies).anySatisfy(r -> {
      assertThat(r.path("id").asInt()).isEqualTo(2);
      assertThat(r.path("result").path("structuredContent").path("total").asInt()).isEqualTo(2);
    });
  }

  @Test
  void oversizedLine_isRefused_andTheSessionGoesOn() throws Exception {
    List<JsonNode> replies = serve("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
        + "x".repeat(2000) + "\"}}", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");

    assertThat(replies).hasSize(2);
    assertThat(replies.get(0).path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_REQUEST);
    assertThat(replies.get(1).path("id").asInt()).isEqualTo(2);
  }
}
