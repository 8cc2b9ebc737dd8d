package io.mcpbridge.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import io.mcpbridge.core.model.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Verifies tokens of the configured OIDC issuer: algorithm allow-list, signature by a published key, claims. */
final class OidcTokenVerifier {
  private final Set<String> allowedAlgorithms;
  private final RemoteKeySet keys;
  private final ClaimChecks checks;
  private final ClaimMapping mapping;

  OidcTokenVerifier(Set<String> allowedAlgorithms, RemoteKeySet keys, ClaimChecks checks, ClaimMapping mapping) {
    this.allowedAlgorithms = Set.copyOf(allowedAlgorithms);
    this.keys = keys;
    this.checks = checks;
    this.mapping = mapping;
  }

  VerifiedToken verify(ParsedToken token) {
    JWSAlgorithm alg = token.header().getAlgorithm();
    if (!allowedAlgorithms.contains(alg.getName()) || JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
      throw Failures.rejected("token algorithm (alg) is not accepted");
    }
    List<JWSVerifier> candidates = keys.verifiersFor(token.header());
    if (candidates.isEmpty()) {
      throw Failures.rejected("no signing key of the issuer matches the token");
    }
    if (!anyVerifies(candidates, token)) {
      throw Failures.rejected("token signature is invalid");
    }
    JWTClaimsSet claims = token.claims();
    checks.check(claims);
    Principal principal = new Principal(claims.getSubject(), mapping.roles(claims), Optional.ofNullable(claims.getJWTID()),
        Optional.ofNullable(claims.getIssuer()), mapping.serviceAccount(claims), Principal.AuthMethod.OIDC);
    return new VerifiedToken(principal, claims);
  }

  RemoteKeySet keys() {
    return keys;
  }

  private static boolean anyVerifies(List<JWSVerifier> candidates, ParsedToken token) {
    for (JWSVerifier verifier : candidates) {
      try {
        if (token.jwt().verify(verifier)) {
          return true;
        }
      } catch (JOSEException | IllegalStateException e) {
        // a key that cannot check this signature is simply not the signer
      }
    }
    return false;
  }
}
