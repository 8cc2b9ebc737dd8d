package io.mcpbridge.auth;

import com.nimbusds.jose.JWSAlgorithm;
import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.port.TokenVerifier;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's token verifier: structural checks first (no cryptography), then the verifier the
 * header's algorithm calls for: HMAC → development tokens (if enabled, else rejected), anything
 * else → the OIDC issuer (if configured). Single-use tokens are checked for replay last, once
 * everything else about them is known to be genuine.
 */
final class CompositeTokenVerifier implements TokenVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(CompositeTokenVerifier.class);

  private final TokenParser parser;
  private final Optional<OidcTokenVerifier> oidc;
  private final Optional<DevelopmentTokenVerifier> development;
  private final ReplayGuard replay;

  CompositeTokenVerifier(TokenParser parser, Optional<OidcTokenVerifier> oidc,
      Optional<DevelopmentTokenVerifier> development, ReplayGuard replay) {
    this.parser = parser;
    this.oidc = oidc;
    this.development = development;
    this.replay = replay;
  }

  @Override
  public Principal verify(String bearerToken) {
    try {
      ParsedToken token = parser.parse(bearerToken);
      VerifiedToken verified;
      if (JWSAlgorithm.Family.HMAC_SHA.contains(token.header().getAlgorithm())) {
        verified = development.orElseThrow(() -> Failures.rejected(
            "token algorithm (alg) is not accepted: symmetric tokens are development tokens, which are not enabled"))
            .verify(token);
      } else {
        verified = oidc.orElseThrow(() -> Failures.rejected(
            "token algorithm (alg) is not accepted: no OIDC issuer is configured, only development tokens"))
            .verify(token);
      }
      replay.check(verified.claims());
      return verified.principal();
    } catch (BridgeException e) {
      throw e;
    } catch (RuntimeException e) {
      // Hostile input must never surface as a 500; the token itself is never logged.
      LOG.warn("token rejected after an unexpected {} during verification", e.getClass().getName());
      throw Failures.rejected("malformed token");
    }
  }

  Optional<OidcTokenVerifier> oidc() {
    return oidc;
  }
}
