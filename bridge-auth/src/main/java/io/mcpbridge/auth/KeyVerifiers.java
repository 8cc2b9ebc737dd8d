package io.mcpbridge.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.Optional;

/**
 * Pairs an algorithm with a public key of the matching type, so that a key can only ever be used
 * with the algorithm family it was made for: RSA keys for the RS and PS algorithms, EC keys on the algorithm's
 * curve for the ES algorithms, Ed25519 keys for EdDSA. Symmetric keys and HMAC never appear here, which rules
 * out algorithm confusion (an HS256 token "signed" with the RSA public key).
 */
final class KeyVerifiers {
  /** Smallest RSA modulus accepted from a key set. */
  static final int MIN_RSA_BITS = 2048;

  private KeyVerifiers() {}

  static Optional<JWSVerifier> forKey(JWK jwk, JWSAlgorithm alg) {
    if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
      return Optional.empty();
    }
    if (jwk.getKeyOperations() != null && !jwk.getKeyOperations().contains(KeyOperation.VERIFY)) {
      return Optional.empty();
    }
    if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().getName().equals(alg.getName())) {
      return Optional.empty();
    }
    try {
      if (JWSAlgorithm.Family.RSA.contains(alg) && jwk instanceof RSAKey rsa) {
        if (rsa.size() < MIN_RSA_BITS) {
          return Optional.empty();
        }
        return Optional.of(new RSASSAVerifier(rsa.toRSAPublicKey()));
      }
      if (JWSAlgorithm.Family.EC.contains(alg) && jwk instanceof ECKey ec) {
        if (!Curve.forJWSAlgorithm(alg).contains(ec.getCurve())) {
          return Optional.empty();
        }
        return Optional.of(new ECDSAVerifier(ec.toECPublicKey()));
      }
      if ((JWSAlgorithm.EdDSA.equals(alg) || JWSAlgorithm.Ed25519.equals(alg)) && jwk instanceof OctetKeyPair okp
          && Curve.Ed25519.equals(okp.getCurve())) {
        return Optional.of(new Ed25519JdkVerifier(okp));
      }
    } catch (JOSEException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
