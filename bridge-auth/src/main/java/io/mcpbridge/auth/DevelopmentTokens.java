package io.mcpbridge.auth;

import io.mcpbridge.core.config.AuthSettings;
import io.mcpbridge.core.config.Environment;
import io.mcpbridge.core.config.Secret;
import io.mcpbridge.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;

/** What development tokens look like, and when they may exist at all. */
final class DevelopmentTokens {
  static final String ISSUER = "mcp-bridge-dev";
  static final String DEFAULT_AUDIENCE = "mcp-bridge";
  static final int MIN_SECRET_BYTES = 32;
  static final String ROLES_CLAIM = "roles";

  private DevelopmentTokens() {}

  /** The audience of development tokens: the configured one, else {@value #DEFAULT_AUDIENCE}. */
  static String audience(AuthSettings settings) {
    return settings.audience().orElse(DEFAULT_AUDIENCE);
  }

  /**
   * The secret's bytes, after checking that development tokens are allowed here. This repeats the
   * configuration rules on purpose: whoever builds a verifier or minter by hand gets the same
   * refusal.
   *
   * @throws InvalidInputException if the environment is not development, local or test, or the
   *     secret is shorter than 32 bytes
   */
  static byte[] secretBytes(Secret secret, Environment environment) {
    if (!environment.allowsDevelopmentShortcuts()) {
      throw new InvalidInputException("development tokens (AUTH_DEV_SECRET) are refused when ENVIRONMENT is "
          + environment.wireName() + "; they are allowed only in development, local or test");
    }
    byte[] bytes = secret.reveal().getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new InvalidInputException("AUTH_DEV_SECRET is " + bytes.length + " bytes; HS256 needs at least "
          + MIN_SECRET_BYTES);
    }
    return bytes;
  }
}
