package io.mcpbridge.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.error.ErrorCode;
import io.mcpbridge.core.error.ErrorDetail;
import io.mcpbridge.core.error.RateLimitedException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every failure to the one error body, in one place. No stack trace leaves the process. */
final class HttpErrors {
  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);
  private static final int PAYLOAD_TOO_LARGE = 413;
  private static final int BACKEND_RETRY_AFTER_SECONDS = 5;

  private HttpErrors() {}

  static void register(JavalinConfig config) {
    config.routes.exception(RateLimitedException.class, (e, ctx) -> {
      respond(ctx, e.code(), e.code().httpStatus(), e.getMessage(), e.details());
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
    });
    config.routes.exception(BridgeException.class, (e, ctx) -> {
      if (e.code() == ErrorCode.INTERNAL_ERROR) {
        LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
      }
      respond(ctx, e.code(), e.code().httpStatus(), e.getMessage(), e.details());
    });
    config.routes.exception(HttpResponseException.class, (e, ctx) -> {
      int status = e.getStatus();
      String message = status == PAYLOAD_TOO_LARGE ? "request body too large" : e.getMessage();
      respond(ctx, codeForStatus(status), status, message, List.of());
    });
    config.routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("unhandled failure on {} {}", ctx.method(), ctx.path(), e);
      respond(ctx, ErrorCode.INTERNAL_ERROR, 500, "internal error; quote the correlation id when reporting it", List.of());
    });
    config.routes.error(404, "*", ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        respond(ctx, ErrorCode.NOT_FOUND, 404, "no such endpoint: " + ctx.method() + " " + ctx.path(), List.of());
      }
    });
    config.routes.error(405, "*", ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        respond(ctx, ErrorCode.INVALID_INPUT, 405, "method " + ctx.method() + " not allowed on " + ctx.path(), List.of());
      }
    });
  }

  static void respond(Context ctx, ErrorCode code, int status, String message, List<ErrorDetail> details) {
    if (code == ErrorCode.UNAUTHENTICATED) {
      // RFC 6750 §3.1: no error code when the request carried no credentials at all.
      boolean presented = ctx.header("Authorization") != null;
      ctx.header("WWW-Authenticate", presented
          ? "Bearer realm=\"mcp-bridge\", error=\"invalid_token\"" : "Bearer realm=\"mcp-bridge\"");
    }
    if (code == ErrorCode.RATE_LIMITED) {
      ctx.header("Retry-After", "1");
    }
    if (code == ErrorCode.BACKEND_UNAVAILABLE) {
      // A dependency (broker, registry, identity provider) is down: worth retrying shortly.
      ctx.header("Retry-After", Integer.toString(BACKEND_RETRY_AFTER_SECONDS));
    }
    ctx.status(status).json(ErrorBody.of(code, message, CorrelationIds.of(ctx), details));
  }

  private static ErrorCode codeForStatus(int status) {
    if (status == PAYLOAD_TOO_LARGE) {
      return ErrorCode.INVALID_INPUT;
    }
    for (ErrorCode c : ErrorCode.values()) {
      if (c.httpStatus() == status) {
        return c;
      }
    }
    return status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_INPUT;
  }
}
