package io.mcpbridge.core.port;

import io.mcpbridge.core.model.Principal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The driving port every edge (REST, MCP, CLI) calls tools through. Thread-safe.
 */
public interface ToolService {

  /** Every tool, in catalog order. */
  List<ToolDescriptor> tools();

  /** The tools a caller's roles allow (for tools/list filtering). */
  List<ToolDescriptor> visibleTo(Principal principal);

  /**
   * A tool's descriptor.
   *
   * @throws io.mcpbridge.core.error.NotFoundException if there is no such tool
   */
  ToolDescriptor describe(String name);

  /**
   * Calls a tool: checks the caller's role, refuses a critical tool that no person confirmed
   * ({@link ToolContext#confirmedBy()} empty), runs it, and audits the call whatever the outcome.
   *
   * @param name tool name
   * @param input an instance of the tool's {@link ToolDescriptor#inputType()}
   * @param context caller and request
   * @param responseDigest SHA-256 of the serialised output, for the audit record
   * @return an instance of the tool's {@link ToolDescriptor#outputType()}
   * @throws io.mcpbridge.core.error.ForbiddenException if the caller lacks the tool's role
   * @throws io.mcpbridge.core.error.ConfirmationRequiredException if the tool is critical and the
   *     call carries no confirmation
   * @throws io.mcpbridge.core.error.BridgeException for every other refusal or failure
   */
  Record call(String name, Record input, ToolContext context, Function<Object, Optional<String>> responseDigest);
}
