package io.mcpbridge.cli;

import io.mcpbridge.core.error.ErrorCode;

/** The documented exit codes of {@code bridge} (see docs/cli.md). */
final class ExitCodes {
  static final int OK = 0;
  /** Validation found errors (config check, audit verify), or a failure without a closer code. */
  static final int FAILED = 1;
  /** Bad usage or invalid input (unknown option, malformed value, bad model file). */
  static final int USAGE = 2;
  /** Not authenticated or not allowed. */
  static final int AUTH = 3;
  /** A dependency could not be reached (broker, registry, audit store, identity provider, server). */
  static final int UNAVAILABLE = 4;
  /** The thing asked for does not exist. */
  static final int NOT_FOUND = 5;
  /** The work timed out or was cancelled. */
  static final int TIMEOUT = 6;
  /** An unexpected internal error. */
  static final int INTERNAL = 70;

  private ExitCodes() {}

  static int forCode(ErrorCode code) {
    switch (code) {
      case INVALID_INPUT:
      case CONFLICT:
      case CONFIRMATION_REQUIRED:
        return USAGE;
      case UNAUTHENTICATED:
      case FORBIDDEN:
        return AUTH;
      case NOT_FOUND:
        return NOT_FOUND;
      case BACKEND_UNAVAILABLE:
      case RATE_LIMITED:
      case INTEROP_ERROR:
        return UNAVAILABLE;
      case TIMEOUT:
        return TIMEOUT;
      default:
        return INTERNAL;
    }
  }
}
