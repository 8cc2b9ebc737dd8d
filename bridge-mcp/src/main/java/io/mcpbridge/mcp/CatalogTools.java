package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.error.ErrorCode;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.port.ToolDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's tool catalog as MCP tools. Lists only what the caller's roles allow, with input and
 * output schemas derived from the tool records and the behaviour hints as annotations. Calls parse
 * arguments strictly, ask a person to confirm critical tools, and return the output record as
 * {@code structuredContent} with a text rendering and resource links. A call that queued a job and
 * came with a progress token follows the job to its end, reporting progress; cancelling such a call
 * cancels the job. A 2026-07-28 client that declared the tasks extension gets such a job as a task
 * instead ({@link JobTasks}).
 */
public final class CatalogTools implements McpTools {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogTools.class);

  private final ToolCaller caller;
  private final ConfirmationGate confirmations;
  private final JobProgressRelay follower;
  private final JobTasks tasks;
  private final ObjectMapper json;
  private final RecordSchemas schemas;
  private final ToolResults results;
  private final CanonicalJson canonical;
  private final Map<String, ObjectNode> definitions = new ConcurrentHashMap<>();

  CatalogTools(ToolCaller caller, ConfirmationGate confirmations, JobProgressRelay follower, JobTasks tasks,
      ObjectMapper json) {
    this.caller = caller;
    this.tasks = tasks;
    this.confirmations = confirmations;
    this.follower = follower;
    this.json = json;
    this.schemas = new RecordSchemas(json);
    this.results = new ToolResults(json);
    this.canonical = new CanonicalJson(json);
  }

  @Override
  public ArrayNode list(Exchange exchange) {
    ArrayNode tools = json.createArrayNode();
    for (ToolDescriptor d : caller.service().visibleTo(exchange.principal())) {
      tools.add(definitions.computeIfAbsent(d.name(), n -> definition(d)).deepCopy());
    }
    return tools;
  }

  private ObjectNode definition(ToolDescriptor d) {
    ObjectNode t = json.createObjectNode();
    t.put("name", d.name());
    t.put("title", d.title());
    t.put("description", d.critical()
        ? d.description() + " Needs a person's confirmation before it runs." : d.description());
    t.set("inputSchema", schemas.of(d.inputType()));
    t.set("outputSchema", schemas.of(d.outputType()));
    ObjectNode a = t.putObject("annotations");
    a.put("title", d.title());
    a.put("readOnlyHint", d.readOnly());
    a.put("destructiveHint", d.destructive());
    a.put("idempotentHint", d.idempotent());
    a.put("openWorldHint", d.openWorld());
    t.putObject("_meta").put("io.mcpbridge/critical", d.critical())
        .put("io.mcpbridge/requiredRole", d.requiredRole().wireName());
    return t;
  }

  @Override
  public ObjectNode call(String name, JsonNode arguments, Exchange exchange) {
    ToolDescriptor d;
    try {
      d = caller.service().describe(name);
    } catch (NotFoundException e) {
      throw McpProtocolException.invalidParams("unknown tool: " + name);
    }
    JsonNode args = arguments == null || arguments.isNull() ? json.createObjectNode() : arguments;
    try {
      // Role first: a caller who may not run the tool is refused (and audited) without a confirmation prompt.
      // The gate only establishes how a person confirmed; the tool service refuses critical calls without it.
      Optional<String> confirmedBy = d.critical() && exchange.principal().has(d.requiredRole())
          ? Optional.of(confirmations.confirm(d, args, exchange)) : Optional.empty();
      JsonNode output = caller.call(name, args, exchange, Optional.of(CanonicalJson.sha256(canonical.text(args))),
          confirmedBy);
      if (ToolResults.isImage(output)) {
        return results.image(output);
      }
      ObjectNode result = results.success(output);
      ArrayNode content = (ArrayNode) result.get("content");
      Optional<JsonNode> jobId = Optional.ofNullable(output.get("jobId")).filter(JsonNode::isTextual);
      if (jobId.isPresent() && !d.readOnly() && exchange.clientSupportsExtension(McpTasks.EXTENSION)) {
        // A task-aware client gets the queued job as a task and follows it with tasks/get.
        return tasks.created(jobId.get().asText(), exchange);
      }
      if (jobId.isPresent() && exchange.progressToken().isPresent() && !d.readOnly()) {
        followJob(new JobId(jobId.get().asText()), exchange, content);
      }
      links(output, content);
      return result;
    } catch (BridgeException e) {
      return results.error(e, exchange.correlationId());
    } catch (InputRequiredException | McpProtocolException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.error("tool {} failed (correlation id {})", name, exchange.correlationId(), e);
      return results.error(ErrorCode.INTERNAL_ERROR, "internal error; quote the correlation id when reporting it",
          exchange.correlationId(), List.of());
    }
  }

  private void followJob(JobId id, Exchange exchange, ArrayNode content) {
    exchange.onCancel(() -> cancelJob(id, exchange));
    Optional<Job> end = follower.follow(id, exchange);
    end.ifPresent(job -> {
      String summary = "job " + id.value() + " is " + job.state().wireName()
          + job.resultId().map(r -> "; results: bridge://results/" + r.value()).orElse("")
          + job.failure().map(f -> "; " + f).orElse("");
      content.addObject().put("type", "text").put("text", summary);
      job.resultId().ifPresent(r -> content.add(link("bridge://results/" + r.value(), "results " + r.value(),
          "Time courses of the finished run")));
    });
  }

  private void cancelJob(JobId id, Exchange exchange) {
    try {
      caller.call("cancel_job", json.createObjectNode().put("jobId", id.value()), exchange, Optional.empty());
    } catch (RuntimeException e) {
      LOG.warn("cancelling job {} after the client cancelled failed: {}", id, e.getMessage());
    }
  }

  private void links(JsonNode output, ArrayNode content) {
    JsonNode sim = output.get("simulationId");
    if (sim != null && sim.isTextual()) {
      content.add(link("bridge://simulations/" + sim.asText(), "simulation " + sim.asText(),
          "Parameters of the simulation"));
    }
    JsonNode job = output.get("jobId");
    if (job != null && job.isTextual()) {
      content.add(link("bridge://jobs/" + job.asText(), "job " + job.asText(), "Status of the job"));
    }
    JsonNode csv = output.get("csvUri");
    if (csv != null && csv.isTextual()) {
      ObjectNode l = link(csv.asText(), csv.asText().substring(csv.asText().lastIndexOf('/') + 1),
          "The indices as CSV");
      l.put("mimeType", "text/csv");
      content.add(l);
    }
    JsonNode results = output.path("resultHandle").path("resultsId");
    if (results.isTextual()) {
      content.add(link("bridge://results/" + results.asText(), "results " + results.asText(),
          "Time courses of the finished run"));
    }
  }

  private ObjectNode link(String uri, String name, String description) {
    ObjectNode l = json.createObjectNode();
    l.put("type", "resource_link");
    l.put("uri", uri);
    l.put("name", name);
    l.put("description", description);
    l.put("mimeType", "application/json");
    return l;
  }
}
