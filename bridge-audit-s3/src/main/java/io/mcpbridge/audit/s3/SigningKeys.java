package io.mcpbridge.audit.s3;

import io.mcpbridge.core.audit.AuditSigningKeys;
import io.mcpbridge.core.error.BackendUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint keys of an S3 trail. The writer signs with the configured key (or, where
 * development shortcuts are allowed, a key generated for this process) and publishes its public
 * key as a locked object under {@code keys/}, so checkpoints signed before a rotation still verify.
 */
final class SigningKeys {
  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

  private SigningKeys() {}

  static KeyPair resolve(S3AuditSettings settings) {
    if (settings.signingKey().isPresent()) {
      try {
        return AuditSigningKeys.pairOf(AuditSigningKeys.parsePrivate(settings.signingKey().get().reveal()));
      } catch (IllegalArgumentException e) {
        throw new BackendUnavailableException("AUDIT_SIGNING_KEY is not a base64 PKCS#8 Ed25519 private key");
      }
    }
    if (!settings.generateKeyIfMissing()) {
      throw new BackendUnavailableException("AUDIT_SIGNING_KEY is required: checkpoints of " + settings.location()
          + " must be signed, and a generated key is allowed only in development, local or test");
    }
    KeyPair pair = AuditSigningKeys.generate();
    LOG.warn("Generated a development audit signing key (fingerprint {}) for {}; it lives only in this process. "
        + "Configure AUDIT_SIGNING_KEY outside development", AuditSigningKeys.fingerprint(pair.getPublic()), settings.location());
    return pair;
  }

  /** Publishes a public key under {@code keys/} unless it is there already. */
  static void publish(ObjectStore store, PublicKey key) {
    String relativeKey = TrailKeys.publicKey(AuditSigningKeys.fingerprint(key));
    if (store.get(relativeKey).isEmpty()) {
      store.putLocked(relativeKey, (AuditSigningKeys.encodePublic(key) + "\n").getBytes(StandardCharsets.US_ASCII), "text/plain");
      LOG.info("Published audit checkpoint public key {} at {}", AuditSigningKeys.fingerprint(key),
          store.location().key(relativeKey));
    }
  }

  /** Every public key published in the trail (unreadable objects are skipped with a warning). */
  static List<PublicKey> published(ObjectStore store) {
    List<PublicKey> keys = new ArrayList<>();
    for (String relativeKey : store.keys(TrailKeys.KEYS, java.util.Optional.empty(), -1)) {
      store.get(relativeKey).ifPresent(o -> {
        try {
          keys.add(AuditSigningKeys.parsePublic(new String(o.body(), StandardCharsets.US_ASCII).trim()));
        } catch (IllegalArgumentException e) {
          LOG.warn("S3 audit trail {}: {} is not a base64 X.509 Ed25519 public key; ignored", store.location(), relativeKey);
        }
      });
    }
    return keys;
  }
}
