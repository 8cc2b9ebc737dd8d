package io.mcpbridge.core.port;

import io.mcpbridge.core.model.Role;
import java.util.Objects;

/**
 * What a tool is, for catalogs, schemas and authorisation.
 *
 * @param name wire name, e.g. {@code run_simulation}
 * @param title short human title
 * @param description what it does, for agents and people
 * @param requiredRole the least role allowed to call it
 * @param critical changes state that matters: needs human confirmation
 * @param readOnly does not change anything
 * @param destructive may discard or overwrite state
 * @param idempotent repeating the same call has no further effect
 * @param openWorld reads things outside the bridge (e.g. the file system)
 * @param inputType the input record
 * @param outputType the output record
 */
public record ToolDescriptor(
    String name,
    String title,
    String description,
    Role requiredRole,
    boolean critical,
    boolean readOnly,
    boolean destructive,
    boolean idempotent,
    boolean openWorld,
    Class<? extends Record> inputType,
    Class<? extends Record> outputType) {
  public ToolDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(requiredRole, "requiredRole");
    Objects.requireNonNull(inputType, "inputType");
    Objects.requireNonNull(outputType, "outputType");
  }
}
