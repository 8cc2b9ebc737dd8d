package io.mcpbridge.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/** Signs checkpoints with an Ed25519 private key. Thread-safe. */
public final class CheckpointSigner {
  private final PrivateKey privateKey;

  /** A signer with the given Ed25519 private key. */
  public CheckpointSigner(PrivateKey privateKey) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
  }

  /** The checkpoint with its signature. */
  public SignedCheckpoint sign(AuditCheckpoint checkpoint) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(privateKey);
      signer.update(checkpoint.canonicalPayload().getBytes(StandardCharsets.UTF_8));
      return new SignedCheckpoint(checkpoint, Base64.getEncoder().encodeToString(signer.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed: " + e.getClass().getSimpleName(), e);
    }
  }
}
