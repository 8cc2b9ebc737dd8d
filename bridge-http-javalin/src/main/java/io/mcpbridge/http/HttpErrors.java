package io.mcpbridge.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.error.ErrorCode;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every failure to the one error body, in one place. No stack trace leaves the process. */
final class HttpErrors {
  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

  private HttpErrors() {}

  static void register(JavalinConfig config) {
    config.routes.exception(BridgeException.class, (e, ctx) ->
        respond(ctx, e.code(), e.getMessage(), e.details().isEmpty() ? List.of() : e.details()));
    config.routes.exception(HttpResponseException.class, (e, ctx) ->
        respond(ctx, codeForStatus(e.getStatus()), e.getMessage(), List.of()));
    config.routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("unhandled failure on {} {}", ctx.method(), ctx.path(), e);
      respond(ctx, ErrorCode.INTERNAL_ERROR, "internal error; quote the correlation id when reporting it", List.of());
    });
    config.routes.error(404, "*", ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        respond(ctx, ErrorCode.NOT_FOUND, "no such endpoint: " + ctx.method() + " " + ctx.path(), List.of());
      }
    });
    config.routes.error(413, "*", ctx ->
        respond(ctx, ErrorCode.INVALID_INPUT, "request body too large", List.of()));
  }

  static void respond(Context ctx, ErrorCode code, String message, List<io.mcpbridge.core.error.ErrorDetail> details) {
    int status = code == ErrorCode.INVALID_INPUT && ctx.status().getCode() == 413 ? 413 : code.httpStatus();
    ctx.status(status).json(ErrorBody.of(code, message, CorrelationIds.of(ctx), details));
  }

  private static ErrorCode codeForStatus(int status) {
    for (ErrorCode c : ErrorCode.values()) {
      if (c.httpStatus() == status) {
        return c;
      }
    }
    return status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_INPUT;
  }
}
