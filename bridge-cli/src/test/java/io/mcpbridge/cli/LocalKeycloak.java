package io.mcpbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Keycloak with the {@code lab} realm, started and stopped through {@code scripts/keycloak.sh}
 * (the same script operators use), with the token endpoint for logins. The users, clients and
 * test-only passwords are those of {@code src/test/resources/keycloak/bridge-realm.json}.
 */
final class LocalKeycloak implements AutoCloseable {
  static final Path SCRIPT = Path.of("..", "scripts", "keycloak.sh").toAbsolutePath().normalize();
  /** The first start fetches and builds Keycloak (about a minute here); later starts take ~10 s. */
  private static final long START_TIMEOUT_SECONDS = 420;
  private static final ObjectMapper JSON = new ObjectMapper();

  final String issuer;
  private final Path work;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private LocalKeycloak(String issuer, Path work) {
    this.issuer = issuer;
    this.work = work;
  }

  /** Starts Keycloak on {@code port}; fails with the script's explanation if it cannot. */
  static LocalKeycloak start(int port, Path work) throws Exception {
    Files.createDirectories(work);
    Path out = work.resolve("keycloak-start.out");
    Path err = work.resolve("keycloak-start.err");
    Outcome started = script(Map.of("KEYCLOAK_PORT", Integer.toString(port),
        "KEYCLOAK_START_TIMEOUT", Long.toString(START_TIMEOUT_SECONDS - 60)), out, err, START_TIMEOUT_SECONDS, "start");
    List<String> lines = Files.readAllLines(out);
    if (started.exitCode != 0 || lines.isEmpty()) {
      throw new IllegalStateException("Keycloak did not start (exit " + started.exitCode + "): " + Files.readString(err));
    }
    return new LocalKeycloak(lines.get(lines.size() - 1).strip(), work);
  }

  /** An access token of a person, by the password grant of {@code client}. */
  String passwordToken(String client, String username, String password) throws Exception {
    return token(Map.of("grant_type", "password", "client_id", client, "username", username, "password", password));
  }

  /** An access token of a client's service account, by the client-credentials grant. */
  String clientCredentialsToken(String client, String secret) throws Exception {
    return token(Map.of("grant_type", "client_credentials", "client_id", client, "client_secret", secret));
  }

  private String token(Map<String, String> form) throws Exception {
    String body = new LinkedHashMap<>(form).entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode answer = JSON.readTree(response.body());
    if (response.statusCode() != 200 || !answer.hasNonNull("access_token")) {
      // Keycloak's error fields only; the response never holds a token when it gets here.
      throw new IllegalStateException("Keycloak refused a " + form.get("grant_type") + " login for " + form.get("client_id")
          + ": " + response.statusCode() + " " + answer.path("error").asText() + " " + answer.path("error_description").asText());
    }
    return answer.get("access_token").asText();
  }

  /** The claims of a token, decoded without verification (to show what Keycloak put in it). */
  static JsonNode claims(String token) throws IOException {
    return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
  }

  @Override
  public void close() throws Exception {
    Outcome stopped = script(Map.of(), work.resolve("keycloak-stop.out"), work.resolve("keycloak-stop.err"), 60, "stop");
    if (stopped.exitCode != 0) {
      throw new IllegalStateException("Keycloak did not stop cleanly (exit " + stopped.exitCode + ")");
    }
  }

  private record Outcome(int exitCode) {}

  private static Outcome script(Map<String, String> env, Path out, Path err, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(concat(SCRIPT.toString(), args)).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(SCRIPT + " " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s: "
          + Files.readString(err));
    }
    return new Outcome(p.exitValue());
  }

  private static List<String> concat(String first, String... rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all;
  }
}
