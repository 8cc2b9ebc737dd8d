package io.mcpbridge.core.port;

import java.util.Locale;

/**
 * What is measured about refused callers. Implementations are thread-safe, cheap and never throw.
 * Every method does nothing by default.
 */
public interface AuthMetrics {

  /**
   * An authentication was refused.
   *
   * @param reason why, as a bounded category
   */
  default void refused(Reason reason) {}

  /**
   * A request was refused by the rate limit.
   *
   * @param scope {@code principal} or {@code address}
   */
  default void rateLimited(String scope) {}

  /** Bounded categories of refused authentications. */
  enum Reason {
    MISSING_TOKEN,
    MALFORMED,
    EXPIRED,
    NOT_YET_VALID,
    BAD_SIGNATURE,
    UNKNOWN_KEY,
    WRONG_AUDIENCE,
    WRONG_ISSUER,
    ALGORITHM,
    NOT_ACCESS_TOKEN,
    REPLAYED,
    NO_IDENTITY_PROVIDER,
    /** The issuer's discovery document or keys could not be fetched (the caller got 503). */
    IDENTITY_PROVIDER_UNAVAILABLE,
    OTHER;

    /** The label value: lower case. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Classifies the fixed message of a refused authentication (messages never contain the token).
     *
     * @param message the refusal's message
     * @return its category; {@link #OTHER} when none fits
     */
    public static Reason of(String message) {
      String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
      if (m.contains("no identity provider")) {
        return NO_IDENTITY_PROVIDER;
      }
      if (m.contains("bearer token is required") || m.contains("missing bearer token")) {
        return MISSING_TOKEN;
      }
      if (m.contains("expired")) {
        return EXPIRED;
      }
      if (m.contains("not valid yet") || m.contains("issued in the future")) {
        return NOT_YET_VALID;
      }
      if (m.contains("signature is invalid")) {
        return BAD_SIGNATURE;
      }
      if (m.contains("no signing key")) {
        return UNKNOWN_KEY;
      }
      if (m.contains("audience")) {
        return WRONG_AUDIENCE;
      }
      if (m.contains("issuer")) {
        return WRONG_ISSUER;
      }
      if (m.contains("algorithm") || m.contains("alg none") || m.contains("critical header")) {
        return ALGORITHM;
      }
      if (m.contains("not an access token")) {
        return NOT_ACCESS_TOKEN;
      }
      if (m.contains("already used")) {
        return REPLAYED;
      }
      if (m.contains("malformed") || m.contains("authorization header") || m.contains("larger than")
          || m.contains("jwe") || m.contains("type (typ)") || m.contains("no expiry") || m.contains("no subject")
          || m.contains("no token id")) {
        return MALFORMED;
      }
      return OTHER;
    }
  }
}
