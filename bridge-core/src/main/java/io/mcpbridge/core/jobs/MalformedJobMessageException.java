package io.mcpbridge.core.jobs;

/** A job message or worker report that cannot be read: wrong version, missing or malformed field. */
public final class MalformedJobMessageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MalformedJobMessageException(String message) {
    super(message);
  }
}
