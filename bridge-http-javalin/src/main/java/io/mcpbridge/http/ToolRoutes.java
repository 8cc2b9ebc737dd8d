package io.mcpbridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpbridge.core.error.ConfirmationRequiredException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Sha256;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.port.ToolService;
import io.mcpbridge.mcp.ToolInputReader;
import java.io.IOException;
import java.util.Optional;

/**
 * REST: {@code POST /<tool name>} with the tool's input as the JSON body, for every tool. Critical
 * tools need {@code X-MCP-Confirm: true} (else 428). {@code load_simulation} answers 201,
 * {@code run_simulation} 202, the rest 200.
 */
final class ToolRoutes {
  static final String CONFIRM_HEADER = "X-MCP-Confirm";
  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private final ToolService tools;
  private final Authenticator authenticator;
  private final ObjectMapper json;
  private final ToolInputReader inputs;

  ToolRoutes(ToolService tools, Authenticator authenticator, ObjectMapper json) {
    this.tools = tools;
    this.authenticator = authenticator;
    this.json = json;
    this.inputs = new ToolInputReader(json);
  }

  void register(JavalinConfig config) {
    for (ToolDescriptor d : tools.tools()) {
      config.routes.post("/" + d.name(), ctx -> call(d, ctx));
    }
  }

  private void call(ToolDescriptor d, Context ctx) throws IOException {
    Principal principal = authenticator.authenticate(ctx);
    byte[] request = ctx.bodyAsBytes();
    JsonNode arguments = parse(request);
    Record input = inputs.read(arguments, d.inputType());
    // The tool service refuses a critical call nobody confirmed (after the role check, as over MCP);
    // here the edge only says how the caller confirmed: the header.
    boolean confirmed = "true".equalsIgnoreCase(String.valueOf(ctx.header(CONFIRM_HEADER)).trim());
    ToolContext context = new ToolContext(principal, CorrelationIds.of(ctx),
        Optional.ofNullable(ctx.header(IDEMPOTENCY_HEADER)), "rest", Optional.of(sha256(request)),
        confirmed ? Optional.of("header") : Optional.empty());
    // Serialise once: the same bytes are digested for the audit record and sent.
    SerialisedOutput serialised = new SerialisedOutput();
    Record output;
    try {
      output = tools.call(d.name(), input, context, serialised::digest);
    } catch (ConfirmationRequiredException e) {
      throw new ConfirmationRequiredException(e.getMessage() + ": resend with header " + CONFIRM_HEADER
          + ": true once a person has approved it", Optional.empty());
    }
    byte[] body = serialised.bytesOf(output);
    ctx.status(statusFor(d.name())).contentType("application/json").result(body);
  }

  private JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new InvalidInputException("request body is not valid JSON: " + firstLine(e.getMessage()));
    }
  }

  /** Remembers the serialised output between the audit digest and the response. */
  private final class SerialisedOutput {
    private Object source;
    private byte[] bytes;

    Optional<String> digest(Object output) {
      try {
        return Optional.of(sha256(bytesOf(output)));
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    byte[] bytesOf(Object output) throws IOException {
      if (bytes == null || source != output) {
        bytes = json.writeValueAsBytes(output);
        source = output;
      }
      return bytes;
    }
  }

  private static int statusFor(String tool) {
    switch (tool) {
      case "load_simulation":
        return 201;
      case "run_simulation":
        return 202;
      default:
        return 200;
    }
  }

  static String sha256(byte[] bytes) {
    return Sha256.hex(bytes);
  }


  private static String firstLine(String message) {
    if (message == null) {
      return "malformed";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
