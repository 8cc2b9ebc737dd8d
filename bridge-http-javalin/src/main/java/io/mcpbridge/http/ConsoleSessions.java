package io.mcpbridge.http;

import io.mcpbridge.core.model.Principal;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The console's server-side sessions, in memory: the browser holds only a random id in an HttpOnly
 * cookie, never a token. Bounded (the oldest session is dropped beyond the limit) and expiring (a
 * session ends at its deadline: the configured lifetime or the access token's expiry, whichever
 * comes first). Also holds the short-lived state of sign-ins in progress. Thread-safe.
 */
final class ConsoleSessions {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** An unfinished sign-in is forgotten after this long. */
  static final Duration LOGIN_TTL = Duration.ofMinutes(10);

  /**
   * One signed-in person.
   *
   * @param id the cookie value
   * @param csrf the synchronizer token every mutating request must echo
   * @param principal who signed in, as the token verifier established it
   * @param expiresAt end of the session
   * @param refreshToken kept server-side only, to end the identity provider's session at sign-out
   */
  record Session(String id, String csrf, Principal principal, Instant expiresAt, Optional<String> refreshToken) {
    @Override
    public String toString() {
      return "Session[" + principal.subject() + " until " + expiresAt + "]"; // never the secrets
    }
  }

  /**
   * A sign-in between the redirect to the identity provider and its callback.
   *
   * @param state the OAuth {@code state}, also the key
   * @param browser the value of the browser's sign-in cookie, binding the callback to that browser
   * @param codeVerifier the PKCE verifier
   * @param nonce the OIDC nonce
   * @param createdAt start time
   */
  record PendingLogin(String state, String browser, String codeVerifier, String nonce, Instant createdAt) {
    @Override
    public String toString() {
      return "PendingLogin[" + createdAt + "]";
    }
  }

  private final int maxSessions;
  private final Duration ttl;
  private final Clock clock;
  // Access order: the eldest entry is the least recently used session.
  private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);
  private final LinkedHashMap<String, PendingLogin> logins = new LinkedHashMap<>();

  ConsoleSessions(int maxSessions, Duration ttl, Clock clock) {
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1");
    }
    this.maxSessions = maxSessions;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A new random value of 256 bits, URL-safe. */
  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Constant-time comparison of two secrets (either may be null). */
  static boolean same(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Starts a session.
   *
   * @param tokenExpiry when the access token expires, if it says
   */
  synchronized Session create(Principal principal, Optional<Instant> tokenExpiry, Optional<String> refreshToken) {
    Instant now = clock.instant();
    Instant end = now.plus(ttl);
    if (tokenExpiry.isPresent() && tokenExpiry.get().isBefore(end)) {
      end = tokenExpiry.get();
    }
    dropExpired(now);
    while (sessions.size() >= maxSessions) {
      Iterator<String> eldest = sessions.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    Session s = new Session(randomToken(), randomToken(), principal, end, refreshToken);
    sessions.put(s.id(), s);
    return s;
  }

  /** The live session of a cookie value, if any. */
  synchronized Optional<Session> find(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    Session s = sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(s.expiresAt())) {
      sessions.remove(id);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  /** Ends a session; returns it if it existed. */
  synchronized Optional<Session> remove(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(sessions.remove(id));
  }

  /** Number of live sessions (for tests and diagnostics). */
  synchronized int size() {
    dropExpired(clock.instant());
    return sessions.size();
  }

  /** Remembers a sign-in in progress (bounded like the sessions). */
  synchronized PendingLogin startLogin(String browser) {
    Instant now = clock.instant();
    logins.values().removeIf(l -> !now.isBefore(l.createdAt().plus(LOGIN_TTL)));
    while (logins.size() >= maxSessions) {
      Iterator<String> eldest = logins.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    PendingLogin p = new PendingLogin(randomToken(), browser, randomToken() + randomToken(), randomToken(), now);
    logins.put(p.state(), p);
    return p;
  }

  /** Takes (and forgets) the sign-in of a {@code state}, if it is live and was started by {@code browser}. */
  synchronized Optional<PendingLogin> finishLogin(String state, String browser) {
    if (state == null) {
      return Optional.empty();
    }
    PendingLogin p = logins.remove(state);
    if (p == null || !same(p.browser(), browser) || !clock.instant().isBefore(p.createdAt().plus(LOGIN_TTL))) {
      return Optional.empty();
    }
    return Optional.of(p);
  }

  private void dropExpired(Instant now) {
    sessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
  }

  /** For tests: the map is private, this says whether it holds an id. */
  synchronized boolean holds(String id) {
    return sessions.containsKey(id);
  }

}
