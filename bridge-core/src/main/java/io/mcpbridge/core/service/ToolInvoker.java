package io.mcpbridge.core.service;

import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;

import io.mcpbridge.core.config.AuditSettings;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.error.ConfirmationRequiredException;
import io.mcpbridge.core.error.ErrorCode;
import io.mcpbridge.core.error.ForbiddenException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditIdentity;
import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.port.NoMetrics;
import io.mcpbridge.core.port.RequestMetrics;
import io.mcpbridge.core.port.ToolService;
import io.mcpbridge.core.model.Principal;
import java.util.List;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Calls tools the same way for every edge: checks the caller's role, refuses a critical tool that
 * no person confirmed (the edge says how it obtained the confirmation, the rule is here), refuses
 * mutating calls when the audit trail cannot record them (fail closed), runs the tool, and audits
 * the call whatever its outcome. Thread-safe.
 */
public final class ToolInvoker implements ToolService {
  // Input fields worth recording in the audit summary: ids and paths, never values or bodies.
  private static final Set<String> SUMMARY_FIELDS =
      Set.of("simulationId", "revision", "jobId", "resultsId", "parameterPath", "filePath", "updateMode", "unit");

  private final ToolCatalog catalog;
  private final AuditSink audit;
  private final AuditSettings.FailMode failMode;
  private final AuditSettings.ReadEvents readEvents;
  private final Clock clock;
  private final RequestMetrics metrics;
  private final System.Logger log = System.getLogger(ToolInvoker.class.getName());

  public ToolInvoker(ToolCatalog catalog, AuditSink audit, AuditSettings.FailMode failMode, Clock clock) {
    this(catalog, audit, failMode, AuditSettings.ReadEvents.SYNC, clock);
  }

  /**
   * @param readEvents whether read-only calls wait for their audit event to be stored
   */
  public ToolInvoker(ToolCatalog catalog, AuditSink audit, AuditSettings.FailMode failMode,
      AuditSettings.ReadEvents readEvents, Clock clock) {
    this(catalog, audit, failMode, readEvents, NoMetrics.INSTANCE, clock);
  }

  /**
   * @param readEvents whether read-only calls wait for their audit event to be stored
   * @param metrics where every call's outcome and latency is counted
   */
  public ToolInvoker(ToolCatalog catalog, AuditSink audit, AuditSettings.FailMode failMode,
      AuditSettings.ReadEvents readEvents, RequestMetrics metrics, Clock clock) {
    this.metrics = metrics;
    this.catalog = catalog;
    this.audit = audit;
    this.failMode = failMode;
    this.readEvents = readEvents;
    this.clock = clock;
  }

  @Override
  public List<ToolDescriptor> tools() {
    return catalog.all().stream().map(Tool::descriptor).toList();
  }

  @Override
  public List<ToolDescriptor> visibleTo(Principal principal) {
    return catalog.visibleTo(principal).stream().map(Tool::descriptor).toList();
  }

  @Override
  public ToolDescriptor describe(String name) {
    return catalog.get(name).descriptor();
  }

  @Override
  public Record call(String name, Record input, ToolContext context, Function<Object, Optional<String>> responseDigest) {
    return invoke(name, input, context, responseDigest);
  }

  /**
   * Invokes a tool.
   *
   * @param name tool name
   * @param input the tool's input record (validated by its constructor)
   * @param context caller and request
   * @param responseDigest digest of the serialised output for the audit record (edges serialise)
   * @return the tool's output record
   * @throws BridgeException for every refusal or failure, after auditing it
   */
  public Record invoke(String name, Record input, ToolContext context, Function<Object, Optional<String>> responseDigest) {
    Tool<?, ?> tool = catalog.get(name);
    long started = System.nanoTime();
    String outcome = "failed";
    String error = ErrorCode.INTERNAL_ERROR.wireName();
    try {
      Record output = invokeKnown(tool, input, context, responseDigest);
      outcome = "ok";
      error = "none";
      return output;
    } catch (BridgeException e) {
      outcome = e.code() == ErrorCode.FORBIDDEN ? "refused" : "failed";
      error = e.code().wireName();
      throw e;
    } finally {
      metrics.toolCalled(tool.descriptor().name(), context.channel(), outcome, error,
          Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private Record invokeKnown(Tool<?, ?> tool, Record input, ToolContext context,
      Function<Object, Optional<String>> responseDigest) {
    ToolDescriptor d = tool.descriptor();
    String name = d.name();
    Instant start = clock.instant();
    if (!d.inputType().isInstance(input)) {
      throw new InvalidInputException("input of " + name + " must be " + d.inputType().getSimpleName());
    }
    if (!context.principal().has(d.requiredRole())) {
      ForbiddenException refused = new ForbiddenException(name + " requires the " + d.requiredRole().wireName()
          + " role; caller " + context.principal().subject() + " has " + context.principal().roles());
      record(d, input, context, start, "refused", Optional.empty(), Optional.of(refused.code()));
      throw refused;
    }
    if (d.critical() && context.confirmedBy().isEmpty()) {
      ConfirmationRequiredException refused = new ConfirmationRequiredException(name
          + " changes state and needs a person's confirmation, which this call did not carry", Optional.empty());
      record(d, input, context, start, "refused", Optional.empty(), Optional.of(refused.code()));
      throw refused;
    }
    if (!d.readOnly() && !audit.healthy() && failMode == AuditSettings.FailMode.CLOSED) {
      throw new BackendUnavailableException("the audit trail cannot record changes right now; "
          + name + " is refused until it recovers");
    }
    Record output;
    try {
      output = callTyped(tool, input, context);
    } catch (BridgeException e) {
      record(d, input, context, start, "failed", Optional.empty(), Optional.of(e.code()));
      throw e;
    } catch (RuntimeException e) {
      record(d, input, context, start, "failed", Optional.empty(), Optional.of(ErrorCode.INTERNAL_ERROR));
      throw e;
    }
    record(d, input, context, start, "ok", responseDigest.apply(output), Optional.empty());
    return output;
  }

  @SuppressWarnings("unchecked")
  private static <I extends Record, O extends Record> O callTyped(Tool<I, O> tool, Record input, ToolContext ctx) {
    return tool.call((I) input, ctx);
  }

  private void record(ToolDescriptor d, Record input, ToolContext ctx, Instant start, String status,
      Optional<String> responseDigest, Optional<ErrorCode> error) {
    Map<String, String> summary = new LinkedHashMap<>(summarise(input));
    summary.put("tool", d.name());
    summary.put("channel", ctx.channel());
    ctx.confirmedBy().ifPresent(c -> summary.put("confirmedBy", c));
    error.ifPresent(e -> summary.put("error", e.wireName()));
    Instant end = clock.instant();
    AuditEvent event = new AuditEvent(UUID.randomUUID().toString(), end, "tool." + d.name(), ctx.correlationId(),
        AuditIdentity.of(ctx.principal()), summary, ctx.requestSha256(), responseDigest, status,
        Duration.between(start, end).toMillis(), Optional.ofNullable(summary.get("jobId")));
    try {
      if (d.readOnly() && readEvents == AuditSettings.ReadEvents.ASYNC) {
        audit.appendLater(event); // nothing is acknowledged to the caller about a read's event
      } else {
        audit.append(event);
      }
    } catch (BackendUnavailableException e) {
      if (failMode == AuditSettings.FailMode.CLOSED && !d.readOnly() && "ok".equals(status)) {
        // The change happened but could not be recorded: tell the caller rather than pretend.
        throw new BackendUnavailableException("the call succeeded but could not be audited; the audit trail is down", e);
      }
      log.log(System.Logger.Level.WARNING, "audit append failed for tool " + d.name() + ": " + e.getMessage());
    }
  }

  static Map<String, String> summarise(Record input) {
    Map<String, String> summary = new LinkedHashMap<>();
    for (RecordComponent c : input.getClass().getRecordComponents()) {
      if (!SUMMARY_FIELDS.contains(c.getName())) {
        continue;
      }
      try {
        Object v = c.getAccessor().invoke(input);
        if (v instanceof Optional<?> o) {
          v = o.orElse(null);
        }
        if (v != null) {
          summary.put(c.getName(), v.toString());
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c.getName(), e);
      }
    }
    return summary;
  }
}
