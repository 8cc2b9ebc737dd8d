package io.mcpbridge.cli;

import io.mcpbridge.core.config.Environment;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Role;
import java.util.Optional;

/**
 * The role the local OS user acts with in the console ({@code bridge call}, {@code bridge mcp}):
 * the one given with {@code --role}, or operator where development shortcuts are allowed
 * (development, local, test); elsewhere {@code --role} is required.
 */
final class LocalUserRole {
  private LocalUserRole() {}

  static Role of(Optional<String> given, Environment environment) {
    if (given.isPresent()) {
      return Role.parse(given.get()).orElseThrow(() ->
          new InvalidInputException("unknown role '" + given.get() + "': --role must be viewer, operator or admin"));
    }
    if (environment.allowsDevelopmentShortcuts()) {
      return Role.OPERATOR;
    }
    throw new InvalidInputException("--role is required when ENVIRONMENT is " + environment.wireName());
  }
}
