package io.mcpbridge.core.service;

import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;

/**
 * One operation of the bridge, the same through MCP, REST and the CLI.
 *
 * @param <I> input record
 * @param <O> output record
 */
public interface Tool<I extends Record, O extends Record> {

  /** Name, roles, hints and record types. */
  ToolDescriptor descriptor();

  /**
   * Performs the operation. Authorisation and auditing are done by {@link ToolInvoker}.
   *
   * @throws io.mcpbridge.core.error.BridgeException for every expected failure
   */
  O call(I input, ToolContext context);
}
