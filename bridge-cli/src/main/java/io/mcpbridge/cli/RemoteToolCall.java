package io.mcpbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.ErrorCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Calls a tool over REST and maps the answer to an exit code. */
final class RemoteToolCall {
  private final URI server;
  private final Optional<String> token;
  private final ObjectMapper mapper;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RemoteToolCall(URI server, Optional<String> token, ObjectMapper mapper) {
    this.server = server;
    this.token = token;
    this.mapper = mapper;
  }

  int call(String tool, JsonNode arguments, boolean confirmed, Optional<String> idempotencyKey, PrintWriter out)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve("/" + tool))
        .timeout(Duration.ofSeconds(120))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(arguments)));
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    if (confirmed) {
      request.header("X-MCP-Confirm", "true");
    }
    idempotencyKey.ifPresent(k -> request.header("Idempotency-Key", k));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot reach " + server + ": " + e.getMessage(), e);
    }
    String body = response.body();
    try {
      out.println(mapper.writeValueAsString(mapper.readTree(body)));
    } catch (IOException e) {
      out.println(body);
    }
    out.flush();
    int status = response.statusCode();
    if (status < 300) {
      return ExitCodes.OK;
    }
    for (ErrorCode c : ErrorCode.values()) {
      if (c.httpStatus() == status) {
        return ExitCodes.forCode(c);
      }
    }
    return status == 413 ? ExitCodes.USAGE : ExitCodes.FAILED;
  }
}
