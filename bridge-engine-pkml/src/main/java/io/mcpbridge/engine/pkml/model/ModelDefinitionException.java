package io.mcpbridge.engine.pkml.model;

/**
 * A model file is malformed or uses something the engine does not support. The message names the
 * entity path or formula id and the problem; callers add the file name.
 */
public class ModelDefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelDefinitionException(String message) {
    super(message);
  }

  public ModelDefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
