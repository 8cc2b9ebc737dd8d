package io.mcpbridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.core.config.Secret;
import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.error.BackendUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's side of OIDC sign-in: the authorization code flow with PKCE (S256) against the
 * configured issuer, the code exchanged server-side (tokens never reach the browser), and
 * sign-out at the issuer's end-session endpoint. Endpoints come from the issuer's discovery
 * document, fetched on first use and kept. Never logs a token or code.
 */
final class OidcClient {
  private static final Logger LOG = LoggerFactory.getLogger(OidcClient.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** What the token endpoint answered; the tokens stay on the server. */
  record Tokens(String accessToken, Optional<String> refreshToken, Optional<Long> expiresInSeconds) {
    @Override
    public String toString() {
      return "Tokens[expiresIn=" + expiresInSeconds.orElse(null) + "]";
    }
  }

  private record Endpoints(URI authorization, URI token, Optional<URI> endSession) {}

  private final URI issuer;
  private final String clientId;
  private final Optional<Secret> clientSecret;
  private final ObjectMapper json;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private volatile Endpoints endpoints;

  OidcClient(URI issuer, String clientId, Optional<Secret> clientSecret, ObjectMapper json) {
    this.issuer = issuer;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.json = json;
  }

  /** Where to send the browser to sign in. */
  URI authorizationRequest(String state, String nonce, String codeVerifier, String redirectUri) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", clientId);
    q.put("redirect_uri", redirectUri);
    q.put("scope", "openid");
    q.put("state", state);
    q.put("nonce", nonce);
    q.put("code_challenge", challenge(codeVerifier));
    q.put("code_challenge_method", "S256");
    URI base = endpoints().authorization();
    return URI.create(base + (base.getRawQuery() == null ? "?" : "&") + form(q));
  }

  /** Exchanges an authorization code for tokens (server to server). */
  Tokens exchange(String code, String codeVerifier, String redirectUri) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("grant_type", "authorization_code");
    f.put("code", code);
    f.put("redirect_uri", redirectUri);
    f.put("code_verifier", codeVerifier);
    JsonNode answer = post(endpoints().token(), f, "token");
    if (!answer.hasNonNull("access_token")) {
      throw new AuthenticationException("the identity provider issued no access token");
    }
    return new Tokens(answer.get("access_token").asText(),
        Optional.ofNullable(answer.get("refresh_token")).filter(JsonNode::isTextual).map(JsonNode::asText),
        Optional.ofNullable(answer.get("expires_in")).filter(JsonNode::canConvertToLong).map(JsonNode::asLong));
  }

  /**
   * Ends the person's session at the identity provider, if it has an end-session endpoint and the
   * session kept a refresh token. Failures are logged (without the token) and otherwise ignored:
   * the console's own session is gone either way.
   */
  void endSession(Optional<String> refreshToken) {
    try {
      Optional<URI> end = endpoints().endSession();
      if (end.isEmpty() || refreshToken.isEmpty()) {
        return;
      }
      Map<String, String> f = new LinkedHashMap<>();
      f.put("refresh_token", refreshToken.get());
      post(end.get(), f, "end-session");
    } catch (RuntimeException e) {
      LOG.warn("could not end the session at the identity provider: {}", e.getMessage());
    }
  }

  private JsonNode post(URI endpoint, Map<String, String> fields, String what) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
    if (clientSecret.isPresent()) {
      String basic = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
          + URLEncoder.encode(clientSecret.get().reveal(), StandardCharsets.UTF_8);
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    } else {
      all.put("client_id", clientId);
    }
    HttpResponse<String> response;
    try {
      response = http.send(b.POST(HttpRequest.BodyPublishers.ofString(form(all))).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new BackendUnavailableException("the identity provider's " + what + " endpoint cannot be reached");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendUnavailableException("interrupted while calling the identity provider");
    }
    JsonNode answer = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      // Only the OAuth error fields: an error answer carries no token.
      throw new AuthenticationException("the identity provider refused the " + what + " request: "
          + answer.path("error").asText("status " + response.statusCode()));
    }
    return answer;
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      return json.createObjectNode();
    }
  }

  private Endpoints endpoints() {
    Endpoints e = endpoints;
    if (e != null) {
      return e;
    }
    String base = issuer.toString().endsWith("/") ? issuer.toString() : issuer + "/";
    URI discovery = URI.create(base + ".well-known/openid-configuration");
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(discovery).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode doc = parse(r.body());
      if (r.statusCode() != 200 || !doc.hasNonNull("authorization_endpoint") || !doc.hasNonNull("token_endpoint")) {
        throw new BackendUnavailableException("the identity provider's discovery document is unusable (status "
            + r.statusCode() + ")");
      }
      e = new Endpoints(URI.create(doc.get("authorization_endpoint").asText()), URI.create(doc.get("token_endpoint").asText()),
          Optional.ofNullable(doc.get("end_session_endpoint")).filter(JsonNode::isTextual).map(n -> URI.create(n.asText())));
      endpoints = e;
      return e;
    } catch (IOException ex) {
      throw new BackendUnavailableException("the identity provider cannot be reached");
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new BackendUnavailableException("interrupted while reading the identity provider's discovery document");
    }
  }

  /** The PKCE S256 challenge of a verifier. */
  static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(x -> URLEncoder.encode(x.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(x.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
