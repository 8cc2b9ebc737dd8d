package io.mcpbridge.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies HS256 development tokens made by {@link DevelopmentTokenMinter}: the shared secret,
 * issuer {@value DevelopmentTokens#ISSUER}, the bridge's audience, the usual time claims, and
 * role names in {@code roles}.
 */
final class DevelopmentTokenVerifier {
  private final MACVerifier mac;
  private final ClaimChecks checks;

  DevelopmentTokenVerifier(byte[] secret, ClaimChecks checks) {
    try {
      this.mac = new MACVerifier(secret);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("development secret unusable for HS256", e);
    }
    this.checks = checks;
  }

  VerifiedToken verify(ParsedToken token) {
    if (!JWSAlgorithm.HS256.equals(token.header().getAlgorithm())) {
      throw Failures.rejected("token algorithm (alg) is not accepted: development tokens use HS256");
    }
    boolean valid;
    try {
      valid = token.jwt().verify(mac);
    } catch (JOSEException | IllegalStateException e) {
      valid = false;
    }
    if (!valid) {
      throw Failures.rejected("token signature is invalid");
    }
    JWTClaimsSet claims = token.claims();
    checks.check(claims);
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : ClaimMapping.strings(claims.getClaim(DevelopmentTokens.ROLES_CLAIM))) {
      Role.parse(name).ifPresent(roles::add);
    }
    Principal principal = new Principal(claims.getSubject(), roles, Optional.ofNullable(claims.getJWTID()),
        Optional.ofNullable(claims.getIssuer()), false, Principal.AuthMethod.DEVELOPMENT_TOKEN);
    return new VerifiedToken(principal, claims);
  }
}
