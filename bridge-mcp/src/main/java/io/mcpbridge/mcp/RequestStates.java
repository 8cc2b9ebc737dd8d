package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tamper-proof {@code requestState} for 2026-07-28 multi round-trip requests. A state is the
 * payload, its expiry and an HMAC-SHA256 over both and a binding (for the bridge: tool, canonical
 * arguments and caller), so a client can echo it but neither alter it nor carry it over to another
 * call. The key is random per process: a retry that reaches another replica is simply asked again.
 * Thread-safe.
 */
public final class RequestStates {
  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final byte[] key = new byte[32];
  private final ObjectMapper json;
  private final Clock clock;
  private final Duration ttl;

  public RequestStates(ObjectMapper json, Clock clock, Duration ttl) {
    new SecureRandom().nextBytes(key);
    this.json = json;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** Seals {@code payload} for the call identified by {@code binding}. */
  public String seal(ObjectNode payload, String binding) {
    ObjectNode envelope = json.createObjectNode();
    envelope.set("p", payload);
    envelope.put("exp", clock.instant().plus(ttl).toEpochMilli());
    try {
      String body = B64.encodeToString(json.writeValueAsBytes(envelope));
      return body + "." + B64.encodeToString(mac(body, binding));
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise request state", e);
    }
  }

  /** The payload if {@code state} was sealed here for {@code binding} and has not expired. */
  public Optional<JsonNode> open(String state, String binding) {
    if (state == null) {
      return Optional.empty();
    }
    int dot = state.indexOf('.');
    if (dot <= 0 || dot != state.lastIndexOf('.')) {
      return Optional.empty();
    }
    String body = state.substring(0, dot);
    try {
      byte[] presented = B64D.decode(state.substring(dot + 1));
      if (!MessageDigest.isEqual(presented, mac(body, binding))) {
        return Optional.empty();
      }
      JsonNode envelope = json.readTree(B64D.decode(body));
      if (envelope == null || clock.instant().toEpochMilli() > envelope.path("exp").asLong(0)) {
        return Optional.empty();
      }
      return Optional.of(envelope.path("p"));
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(String body, String binding) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      mac.update(binding.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
