package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.ConfirmationRequiredException;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditIdentity;
import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.port.ToolDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Human confirmation of critical tools over MCP. A client that can elicit is asked through
 * {@code elicitation/create} and the call proceeds only on an explicit accept: in 2025-era
 * sessions as a server→client request, in 2026-07-28 as an {@code input_required} result whose
 * {@code requestState} is sealed to the call (tool, canonical arguments, caller) and carries a
 * single-use nonce, so the answer can neither be replayed nor moved to another call. Otherwise the call
 * is refused with a {@code ConfirmationRequired} error carrying a single-use nonce bound to the
 * exact call; the confirmed retry presents it in {@code _meta} under {@link #META_KEY}. No flag in
 * the arguments can confirm. Every question, grant and refusal is audited
 * ({@code tool.confirmation}); a grant that cannot be audited does not authorise anything.
 */
public final class ConfirmationGate {
  /** The {@code _meta} key of the confirmed retry: {@code {"_meta":{"io.mcpbridge/confirmation":"<nonce>"}}}. */
  public static final String META_KEY = "io.mcpbridge/confirmation";
  private static final Logger LOG = LoggerFactory.getLogger(ConfirmationGate.class);
  private static final Duration ELICITATION_TIMEOUT = Duration.ofMinutes(10);

  private final ConfirmationNonces nonces;
  private final AuditSink audit;
  private final Clock clock;
  private final ObjectMapper json;
  private final CanonicalJson canonical;

  /** The key of the confirmation question in a 2026-07-28 InputRequiredResult. */
  public static final String INPUT_KEY = "confirm";
  private final RequestStates states;

  public ConfirmationGate(ConfirmationNonces nonces, AuditSink audit, Clock clock, ObjectMapper json) {
    this.states = new RequestStates(json, clock, ConfirmationNonces.DEFAULT_TTL);
    this.nonces = nonces;
    this.audit = audit;
    this.clock = clock;
    this.json = json;
    this.canonical = new CanonicalJson(json);
  }

  /**
   * Returns how a person confirmed this exact call ({@code nonce}, {@code elicitation} or
   * {@code input_required}), for the tool service that refuses critical calls without one.
   *
   * @throws ConfirmationRequiredException when not (yet) confirmed
   * @throws InputRequiredException (2026-07-28) to ask the person
   */
  public String confirm(ToolDescriptor tool, JsonNode arguments, Exchange exchange) {
    String argsText = canonical.text(arguments);
    String binding = CanonicalJson.sha256(tool.name() + "\n" + argsText + "\n" + exchange.principal().subject());
    String argsDigest = CanonicalJson.sha256(argsText);
    JsonNode presented = exchange.meta().get(META_KEY);
    if (presented != null && !presented.isNull()) {
      String nonce = presented.isObject() ? presented.path("nonce").asText("") : presented.asText("");
      ConfirmationNonces.Outcome outcome = nonces.redeem(nonce, binding);
      if (outcome == ConfirmationNonces.Outcome.VALID) {
        record(tool, exchange, "nonce", "granted", argsDigest, true);
        return "nonce";
      }
      record(tool, exchange, "nonce", "refused", argsDigest, false, "reason", outcome.name().toLowerCase(java.util.Locale.ROOT));
      throw askAgain(tool, exchange, binding, argsDigest, "the confirmation nonce was " + describe(outcome) + "; ");
    }
    if (exchange.modern()) {
      if (confirmedByInput(tool, arguments, exchange, binding, argsDigest)) {
        return "input_required";
      }
    } else if (exchange.clientSupports("elicitation")) {
      Optional<Boolean> answer = elicit(tool, arguments, exchange, argsDigest);
      if (answer.isPresent()) {
        if (answer.get()) {
          record(tool, exchange, "elicitation", "granted", argsDigest, true);
          return "elicitation";
        }
        record(tool, exchange, "elicitation", "refused", argsDigest, false);
        throw new ConfirmationRequiredException(tool.name() + " was not confirmed: the person declined or cancelled",
            Optional.empty());
      }
    }
    throw askAgain(tool, exchange, binding, argsDigest, "");
  }

  /**
   * The 2026-07-28 route: true once the retry brings an accepted answer with a valid state; asks
   * through an InputRequiredResult when the client can elicit; false when it cannot (nonce route).
   *
   * @throws InputRequiredException to ask the question
   * @throws McpProtocolException when the echoed state is not valid for this call
   */
  private boolean confirmedByInput(ToolDescriptor tool, JsonNode arguments, Exchange exchange, String binding,
      String argsDigest) {
    Optional<String> state = exchange.requestState();
    Optional<JsonNode> answer = exchange.inputResponse(INPUT_KEY);
    if (state.isPresent() && answer.isPresent()) {
      JsonNode payload = states.open(state.get(), binding).orElse(null);
      if (payload == null) {
        record(tool, exchange, "input_required", "refused", argsDigest, false, "reason", "invalid_state");
        throw McpProtocolException.invalidParams("requestState is not valid for this call (altered, expired, or "
            + "issued for another tool, other arguments or another caller); call again without it");
      }
      ConfirmationNonces.Outcome outcome = nonces.redeem(payload.path("nonce").asText(""), binding);
      if (outcome != ConfirmationNonces.Outcome.VALID) {
        record(tool, exchange, "input_required", "refused", argsDigest, false, "reason",
            outcome.name().toLowerCase(java.util.Locale.ROOT));
        throw McpProtocolException.invalidParams("this confirmation was " + describe(outcome)
            + "; call again without requestState to be asked again");
      }
      boolean accepted = "accept".equals(answer.get().path("action").asText())
          && answer.get().path("content").path("confirm").asBoolean(false);
      if (accepted) {
        record(tool, exchange, "input_required", "granted", argsDigest, true);
        return true;
      }
      record(tool, exchange, "input_required", "refused", argsDigest, false);
      throw new ConfirmationRequiredException(tool.name() + " was not confirmed: the person declined or cancelled",
          Optional.empty());
    }
    if (!exchange.clientSupports("elicitation")) {
      return false;
    }
    String nonce = nonces.issue(binding, exchange.principal().issuer().orElse("") + "|" + exchange.principal().subject());
    ObjectNode sealed = json.createObjectNode().put("nonce", nonce).put("tool", tool.name());
    ObjectNode questions = json.createObjectNode();
    ObjectNode ask = questions.putObject(INPUT_KEY);
    ask.put("method", "elicitation/create");
    ask.set("params", elicitationParams(tool, arguments));
    record(tool, exchange, "input_required", "asked", argsDigest, false);
    throw new InputRequiredException(questions, states.seal(sealed, binding));
  }

  private ObjectNode elicitationParams(ToolDescriptor tool, JsonNode arguments) {
    ObjectNode params = json.createObjectNode();
    params.put("message", "Allow " + tool.title() + " (" + tool.name() + ") with " + canonical.text(arguments) + "?");
    ObjectNode schema = params.putObject("requestedSchema");
    schema.put("type", "object");
    ObjectNode confirm = schema.putObject("properties").putObject("confirm");
    confirm.put("type", "boolean");
    confirm.put("title", "Confirm " + tool.name());
    confirm.put("description", tool.description());
    confirm.put("default", false);
    schema.putArray("required").add("confirm");
    return params;
  }

  private ConfirmationRequiredException askAgain(ToolDescriptor tool, Exchange exchange, String binding, String argsDigest,
      String prefix) {
    String nonce = nonces.issue(binding, exchange.principal().issuer().orElse("") + "|" + exchange.principal().subject());
    record(tool, exchange, "nonce", "asked", argsDigest, false);
    return new ConfirmationRequiredException(prefix + tool.name() + " changes state and needs a person's confirmation. "
        + "Show the call to the user; once they approve, repeat exactly the same call with "
        + "params._meta[\"" + META_KEY + "\"] = \"" + nonce + "\" (single use, valid "
        + ConfirmationNonces.DEFAULT_TTL.toMinutes() + " minutes, only for these arguments).", Optional.of(nonce));
  }

  /** Empty if the client could not be asked (then the nonce route applies). */
  private Optional<Boolean> elicit(ToolDescriptor tool, JsonNode arguments, Exchange exchange, String argsDigest) {
    ObjectNode params = elicitationParams(tool, arguments);
    record(tool, exchange, "elicitation", "asked", argsDigest, false);
    JsonNode result;
    try {
      result = exchange.request("elicitation/create", params, ELICITATION_TIMEOUT);
    } catch (McpProtocolException e) {
      LOG.info("elicitation for {} failed ({}); falling back to a confirmation nonce", tool.name(), e.getMessage());
      return Optional.empty();
    }
    boolean accepted = "accept".equals(result.path("action").asText())
        && result.path("content").path("confirm").asBoolean(false);
    return Optional.of(accepted);
  }

  private void record(ToolDescriptor tool, Exchange exchange, String method, String outcome, String argsDigest,
      boolean failClosed, String... extra) {
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put("tool", tool.name());
    summary.put("channel", "mcp");
    summary.put("method", method);
    for (int i = 0; i + 1 < extra.length; i += 2) {
      summary.put(extra[i], extra[i + 1]);
    }
    AuditEvent event = new AuditEvent(UUID.randomUUID().toString(), clock.instant(), "tool.confirmation",
        exchange.correlationId(), AuditIdentity.of(exchange.principal()), summary, Optional.of(argsDigest),
        Optional.empty(), outcome, 0, Optional.empty());
    try {
      audit.append(event);
    } catch (BackendUnavailableException e) {
      if (failClosed) {
        throw new BackendUnavailableException("the confirmation could not be audited; " + tool.name() + " is refused", e);
      }
      LOG.warn("could not audit confirmation {} of {}: {}", outcome, tool.name(), e.getMessage());
    }
  }

  private static String describe(ConfirmationNonces.Outcome outcome) {
    return switch (outcome) {
      case UNKNOWN_OR_USED -> "unknown or already used";
      case EXPIRED -> "expired";
      case MISMATCH -> "issued for a different call (other arguments, tool or caller)";
      case VALID -> "valid";
    };
  }
}
