package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.error.NotFoundException;
import java.time.Duration;
import java.util.Optional;

/**
 * Durable jobs as tasks of the tasks extension: a tool call that queued a job answers with the job
 * as a task (its id is the job id), {@code tasks/get} reads the job through {@code get_job_status}
 * and {@code tasks/cancel} cancels it through {@code cancel_job}, both as the caller (roles and
 * audit apply). A job that ran and failed or timed out is a completed task whose result is a tool
 * error; a cancelled job is a cancelled task. Jobs outlive the process, so any replica sharing the
 * registry answers for them.
 */
final class JobTasks implements McpTasks {
  /** Jobs stay in the registry; a client may rely on a task for a day. */
  static final long TTL_MS = Duration.ofDays(1).toMillis();
  /** How often a client should look again at a working task. */
  static final long POLL_INTERVAL_MS = 1000;

  private final ToolCaller caller;
  private final ObjectMapper json;
  private final ToolResults results;

  JobTasks(ToolCaller caller, ObjectMapper json) {
    this.caller = caller;
    this.json = json;
    this.results = new ToolResults(json);
  }

  /** The CreateTaskResult for a job a tool call just queued. */
  ObjectNode created(String jobId, Exchange exchange) {
    ObjectNode task = get(jobId, exchange).orElseThrow(() -> new NotFoundException("no job " + jobId));
    task.remove("result");
    task.remove("error");
    task.put("resultType", "task");
    return task;
  }

  @Override
  public Optional<ObjectNode> get(String taskId, Exchange exchange) {
    JsonNode status;
    try {
      status = caller.call("get_job_status", json.createObjectNode().put("jobId", taskId), exchange, Optional.empty());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
    JsonNode job = status.path("job");
    String state = status.path("status").asText();
    ObjectNode task = json.createObjectNode();
    task.put("taskId", taskId);
    task.put("status", switch (state) {
      case "queued", "running" -> "working";
      case "cancelled" -> "cancelled";
      default -> "completed";
    });
    task.put("statusMessage", "job " + state);
    task.put("createdAt", job.path("submittedAt").asText());
    task.put("lastUpdatedAt", job.path("updatedAt").asText());
    task.put("ttlMs", TTL_MS);
    task.put("pollIntervalMs", POLL_INTERVAL_MS);
    if ("succeeded".equals(state) || "failed".equals(state) || "timed_out".equals(state)) {
      task.set("result", result(taskId, state, status));
    }
    return Optional.of(task);
  }

  @Override
  public boolean cancel(String taskId, Exchange exchange) {
    Optional<ObjectNode> task = get(taskId, exchange);
    if (task.isEmpty()) {
      return false;
    }
    if ("working".equals(task.get().path("status").asText())) {
      caller.call("cancel_job", json.createObjectNode().put("jobId", taskId), exchange, Optional.empty());
    }
    return true;
  }

  /**
   * The finished job as a tool result: its status as text and a link to the results. It carries no
   * structuredContent, because the tool's output schema describes the queued job, not this.
   */
  private ObjectNode result(String jobId, String state, JsonNode status) {
    ObjectNode result = json.createObjectNode();
    ArrayNode content = result.putArray("content");
    content.addObject().put("type", "text").put("text", status.toString());
    JsonNode resultsId = status.path("resultHandle").path("resultsId");
    if (resultsId.isTextual()) {
      content.addObject().put("type", "resource_link").put("uri", "bridge://results/" + resultsId.asText())
          .put("name", "results " + resultsId.asText()).put("description", "Time courses of the finished run")
          .put("mimeType", "application/json");
    }
    result.put("isError", !"succeeded".equals(state));
    if (!"succeeded".equals(state)) {
      String why = status.path("job").path("error").isMissingNode() ? "" : " " + status.path("job").path("error");
      result.putObject("_meta").put("io.mcpbridge/jobState", state);
      content.addObject().put("type", "text").put("text", "job " + jobId + " ended " + state + why);
    }
    return result;
  }
}
