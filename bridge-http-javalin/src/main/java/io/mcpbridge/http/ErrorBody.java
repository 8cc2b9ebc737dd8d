package io.mcpbridge.http;

import io.mcpbridge.core.error.ErrorCode;
import io.mcpbridge.core.error.ErrorDetail;
import java.util.List;

/** The one error body of every HTTP response: {@code {"error": {...}}}. */
record ErrorBody(Error error) {

  /** The error object, shared with MCP tool errors. */
  record Error(String code, String message, String correlationId, boolean retryable, List<ErrorDetail> details) {}

  static ErrorBody of(ErrorCode code, String message, String correlationId, List<ErrorDetail> details) {
    return new ErrorBody(new Error(code.wireName(), message, correlationId, code.retryable(), details));
  }
}
