package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.testkit.tools.FakeBridgeTools;
import io.mcpbridge.testkit.tools.FakeJobs;
import io.mcpbridge.testkit.tools.RecordingAudit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** An MCP server over the fake tool service, driven with JSON text; records what it sends. */
final class McpHarness {
  final ObjectMapper json = BridgeJson.mapper();
  final FakeJobs jobs = new FakeJobs();
  final FakeBridgeTools tools;
  final RecordingAudit audit = new RecordingAudit();
  McpServer server; // assigned in the constructor; the channel below reads it later
  final List<ObjectNode> sent = new CopyOnWriteArrayList<>();
  volatile Function<ObjectNode, JsonNode> clientAnswers = m -> null;
  Principal principal = Principal.localUser("alice", Role.OPERATOR);
  McpSession session = McpSession.open(principal, Instant.now());
  final Channel channel = message -> {
    sent.add(message);
    JsonNode answer = clientAnswers.apply(message);
    if (answer != null) {
      // The client answers on its own connection, as a transport would deliver it.
      Thread t = new Thread(() -> this.server.handle(session, principal, answer, Channel.none(), "answer"));
      t.start();
    }
    return true;
  };

  McpHarness() {
    this(Duration.ofMillis(5));
  }

  /** @param stepDelay pause between the progress steps of a fake run */
  McpHarness(Duration stepDelay) {
    tools = new FakeBridgeTools(jobs, Clock.systemUTC(), stepDelay);
    server = new McpServer(BridgeMcp.info("test"),
        BridgeMcp.features(new McpServices(tools, jobs, new io.mcpbridge.core.service.RegistryJobFollower(jobs, jobs), audit, Clock.systemUTC()), json), json);
  }

  static McpHarness as(Role role) {
    McpHarness h = new McpHarness();
    h.principal = Principal.localUser("alice", role);
    h.session = McpSession.open(h.principal, Instant.now());
    return h;
  }

  /** Sends text; returns the reply (null if none). */
  JsonNode send(String text) {
    return send(principal, text);
  }

  JsonNode send(Principal who, String text) {
    try {
      return server.handle(session, who, json.readTree(text), channel, "cid-1").orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  McpHarness initialized(String capabilities) {
    send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
        + "\"capabilities\":" + capabilities + ",\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    return this;
  }

  JsonNode call(String tool, String arguments) {
    return call(tool, arguments, null);
  }

  JsonNode call(String tool, String arguments, String meta) {
    return send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":" + arguments + (meta == null ? "" : ",\"_meta\":" + meta) + "}}").get("result");
  }

  List<ObjectNode> sent(String method) {
    return sent.stream().filter(m -> method.equals(m.path("method").asText())).toList();
  }
}
