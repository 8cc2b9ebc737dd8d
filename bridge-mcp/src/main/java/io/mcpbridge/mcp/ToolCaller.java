package io.mcpbridge.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.port.ToolService;
import java.util.Optional;

/**
 * Calls a tool of the {@link ToolService} with JSON arguments and returns its output as JSON, as
 * the caller of the exchange (so role checks and the audit trail apply to resources and
 * completions too).
 */
final class ToolCaller {
  private final ToolService tools;
  private final ToolInputReader inputs;
  private final ObjectMapper json;

  ToolCaller(ToolService tools, ObjectMapper json) {
    this.tools = tools;
    this.inputs = new ToolInputReader(json);
    this.json = json;
  }

  ToolService service() {
    return tools;
  }

  /** Calls {@code name} unconfirmed; every failure is a {@link io.mcpbridge.core.error.BridgeException}. */
  JsonNode call(String name, JsonNode arguments, Exchange exchange, Optional<String> requestSha256) {
    return call(name, arguments, exchange, requestSha256, Optional.empty());
  }

  /**
   * Calls {@code name}.
   *
   * @param confirmedBy how a person confirmed the call, if one did (critical tools need it)
   */
  JsonNode call(String name, JsonNode arguments, Exchange exchange, Optional<String> requestSha256,
      Optional<String> confirmedBy) {
    ToolDescriptor d = tools.describe(name);
    Record input = inputs.read(arguments, d.inputType());
    ToolContext context = new ToolContext(exchange.principal(), exchange.correlationId(), Optional.empty(), "mcp",
        requestSha256, confirmedBy);
    Record output = tools.call(name, input, context, this::digest);
    return json.valueToTree(output);
  }

  private Optional<String> digest(Object output) {
    try {
      return Optional.of(CanonicalJson.sha256(json.writeValueAsBytes(output)));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
