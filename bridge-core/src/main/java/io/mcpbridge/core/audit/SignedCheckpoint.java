package io.mcpbridge.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * A checkpoint with its Ed25519 signature over {@link AuditCheckpoint#canonicalPayload()}.
 *
 * @param checkpoint what is attested
 * @param signature base64 Ed25519 signature
 */
public record SignedCheckpoint(AuditCheckpoint checkpoint, String signature) {
  public SignedCheckpoint {
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(signature, "signature");
  }

  /** True if the signature is valid for the checkpoint under the given public key. */
  public boolean verifies(PublicKey publicKey) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey);
      verifier.update(checkpoint.canonicalPayload().getBytes(StandardCharsets.UTF_8));
      return verifier.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // A malformed signature or a non-Ed25519 key cannot vouch for anything.
      return false;
    }
  }

  /** The stored line (canonical JSON of the payload plus {@code signature}). */
  public String line() {
    Map<String, Object> m = checkpoint.payload();
    m.put("signature", signature);
    return CanonicalJson.write(m);
  }
}
