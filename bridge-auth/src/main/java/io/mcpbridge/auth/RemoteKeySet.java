package io.mcpbridge.auth;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.mcpbridge.core.error.BackendUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's signing keys: discovered from {@code <issuer>/.well-known/openid-configuration}
 * (or taken from an explicit JWKS URL), cached for the configured time, and fetched again when a
 * token names a key the cache does not hold, so that key rotation needs no restart.
 *
 * <p>Fetches are rate-limited: at most one per {@code minRefreshInterval} after a successful
 * fetch (a burst of tokens with unknown {@code kid}s causes at most one fetch), and one per
 * {@code retryInterval} after a failed one. When the issuer cannot be reached, keys already
 * cached stay in use past their expiry, for at most one more cache period; only when no usable
 * key is cached, or a token names a key that the failed fetch might have brought, does the caller
 * get {@link BackendUnavailableException}.
 *
 * <p>Thread-safe: lookups read an immutable snapshot; fetches are serialised.
 */
final class RemoteKeySet {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteKeySet.class);
  private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
  /** Candidate keys tried for a token without {@code kid}. */
  private static final int MAX_CANDIDATES = 8;

  private final Optional<String> issuer;
  private final Optional<URI> explicitJwksUri;
  private final Duration cacheTtl;
  private final Duration minRefreshInterval;
  private final Duration retryInterval;
  private final HttpJson http;
  private final Clock clock;

  private volatile Snapshot current;
  private URI jwksUri; // guarded by this
  private Instant lastAttempt; // guarded by this
  private boolean lastAttemptFailed; // guarded by this
  private int fetches; // guarded by this

  private record Snapshot(JWKSet keys, Instant fetchedAt) {}

  RemoteKeySet(Optional<String> issuer, Optional<URI> jwksUri, Duration cacheTtl, Duration minRefreshInterval,
      Duration retryInterval, HttpJson http, Clock clock) {
    if (issuer.isEmpty() && jwksUri.isEmpty()) {
      throw new IllegalArgumentException("an issuer or a JWKS URL is required");
    }
    this.issuer = issuer;
    this.explicitJwksUri = jwksUri;
    this.cacheTtl = cacheTtl;
    this.minRefreshInterval = minRefreshInterval;
    this.retryInterval = retryInterval;
    this.http = http;
    this.clock = clock;
  }

  /**
   * Verifiers for the keys that may have signed a token with this header: the key with its
   * {@code kid} (or, without {@code kid}, every key usable with its algorithm).
   *
   * @return possibly empty: no key of the issuer matches
   * @throws BackendUnavailableException if keys are needed and cannot be fetched
   */
  List<JWSVerifier> verifiersFor(JWSHeader header) {
    Snapshot seen = current;
    Instant now = clock.instant();
    if (seen == null || !now.isBefore(seen.fetchedAt().plus(cacheTtl))) {
      seen = refresh(seen, false);
    }
    List<JWSVerifier> verifiers = matching(seen.keys(), header);
    if (!verifiers.isEmpty()) {
      return verifiers;
    }
    Snapshot refreshed = refresh(seen, true);
    return refreshed == seen ? verifiers : matching(refreshed.keys(), header);
  }

  /** Number of key-set fetches attempted so far (for tests and metrics). */
  synchronized int fetchCount() {
    return fetches;
  }

  private static List<JWSVerifier> matching(JWKSet keys, JWSHeader header) {
    String kid = header.getKeyID();
    List<JWSVerifier> out = new ArrayList<>();
    for (JWK jwk : keys.getKeys()) {
      if (kid != null && !kid.equals(jwk.getKeyID())) {
        continue;
      }
      KeyVerifiers.forKey(jwk, header.getAlgorithm()).ifPresent(out::add);
      if (out.size() >= MAX_CANDIDATES) {
        break;
      }
    }
    return out;
  }

  /**
   * Fetches the key set unless another thread already did since {@code seen}, or the rate limit
   * forbids it.
   *
   * @param unknownKey true when a token names a key not in {@code seen}
   * @return the newest snapshot (the same object as {@code seen} if nothing new was fetched)
   */
  private synchronized Snapshot refresh(Snapshot seen, boolean unknownKey) {
    Snapshot latest = current;
    if (latest != null && latest != seen) {
      return latest;
    }
    Instant now = clock.instant();
    Duration wait = lastAttemptFailed ? retryInterval : minRefreshInterval;
    if (lastAttempt != null && now.isBefore(lastAttempt.plus(wait))) {
      if (latest == null) {
        throw new BackendUnavailableException("the identity provider's signing keys are not available yet; retry shortly");
      }
      return latest;
    }
    lastAttempt = now;
    fetches++;
    try {
      JWKSet keys = fetch();
      lastAttemptFailed = false;
      Snapshot fresh = new Snapshot(keys, now);
      current = fresh;
      LOG.info("fetched {} signing key(s) from the identity provider ({})", keys.getKeys().size(),
          unknownKey ? "token names an unknown key" : latest == null ? "first use" : "cache expired");
      return fresh;
    } catch (IOException | ParseException | RuntimeException e) {
      lastAttemptFailed = true;
      if (explicitJwksUri.isEmpty()) {
        jwksUri = null; // discover again next time, in case the issuer moved its key set
      }
      boolean tooStale = latest != null && !now.isBefore(latest.fetchedAt().plus(cacheTtl.multipliedBy(2)));
      if (latest == null || unknownKey || tooStale) {
        LOG.warn("cannot fetch the identity provider's signing keys: {}", e.getMessage());
        throw new BackendUnavailableException("the identity provider's signing keys cannot be fetched; retry later", e);
      }
      LOG.warn("cannot refresh the identity provider's signing keys, keeping the cached ones: {}", e.getMessage());
      return latest;
    }
  }

  private JWKSet fetch() throws IOException, ParseException {
    URI uri = explicitJwksUri.isPresent() ? explicitJwksUri.get() : discoveredJwksUri();
    JWKSet all = JWKSet.parse(http.get(uri));
    List<JWK> publicKeys = new ArrayList<>();
    for (JWK jwk : all.getKeys()) {
      if (!jwk.isPrivate()) {
        publicKeys.add(jwk);
      } else if (jwk.toPublicJWK() != null) {
        publicKeys.add(jwk.toPublicJWK());
      }
    }
    return new JWKSet(publicKeys);
  }

  private URI discoveredJwksUri() throws IOException, ParseException {
    if (jwksUri != null) {
      return jwksUri;
    }
    String iss = issuer.orElseThrow();
    String base = iss.endsWith("/") ? iss.substring(0, iss.length() - 1) : iss;
    Map<String, Object> doc = JSONObjectUtils.parse(http.get(URI.create(base + DISCOVERY_PATH)));
    Object advertisedIssuer = doc.get("issuer");
    if (!iss.equals(advertisedIssuer)) {
      throw new IOException("the discovery document names issuer '" + advertisedIssuer + "', not the configured '" + iss
          + "' (AUTH_ISSUER_URL must match exactly)");
    }
    Object advertised = doc.get("jwks_uri");
    if (!(advertised instanceof String s)) {
      throw new IOException("the discovery document has no jwks_uri");
    }
    try {
      URI uri = new URI(s);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
        throw new IOException("the discovery document's jwks_uri is not an http(s) URL");
      }
      jwksUri = uri;
      return uri;
    } catch (URISyntaxException e) {
      throw new IOException("the discovery document's jwks_uri is not a URL", e);
    }
  }
}
