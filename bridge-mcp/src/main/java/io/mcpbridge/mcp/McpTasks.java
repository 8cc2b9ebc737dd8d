package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Tasks of the {@code io.modelcontextprotocol/tasks} extension (2026-07-28): long operations a
 * tool call handed back as a task instead of a result. A client that declared the extension in
 * its request's capabilities reads a task's state (with the result inlined once done) and cancels
 * it; clients without it never see tasks. For the bridge a task is a durable job.
 */
public interface McpTasks {
  /** The extension's identifier in {@code capabilities.extensions}. */
  String EXTENSION = "io.modelcontextprotocol/tasks";

  /**
   * The task as {@code tasks/get} reports it: {@code taskId}, {@code status} (working, completed,
   * failed, cancelled), {@code createdAt}, {@code lastUpdatedAt}, {@code ttlMs},
   * {@code pollIntervalMs}, and {@code result} once completed or {@code error} once failed.
   *
   * @return empty if there is no such task for this caller
   */
  Optional<ObjectNode> get(String taskId, Exchange exchange);

  /**
   * Asks for the task to be cancelled; a finished task is left as it is.
   *
   * @return false if there is no such task for this caller
   */
  boolean cancel(String taskId, Exchange exchange);

  /** No tasks at all. */
  static McpTasks none() {
    return new McpTasks() {
      @Override
      public Optional<ObjectNode> get(String taskId, Exchange exchange) {
        return Optional.empty();
      }

      @Override
      public boolean cancel(String taskId, Exchange exchange) {
        return false;
      }
    };
  }
}
