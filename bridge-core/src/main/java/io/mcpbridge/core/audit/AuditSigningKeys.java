package io.mcpbridge.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys of the checkpoint signer: parsing the configured private key (base64 PKCS#8),
 * deriving its public key, generating a development key, and the textual forms stored next to a
 * trail. Errors never include key material.
 */
public final class AuditSigningKeys {
  private static final String ALGORITHM = "Ed25519";

  private AuditSigningKeys() {}

  /**
   * Parses a base64 PKCS#8 Ed25519 private key.
   *
   * @throws IllegalArgumentException if the text is not such a key (the message never echoes it)
   */
  public static PrivateKey parsePrivate(String base64Pkcs8) {
    try {
      byte[] der = Base64.getMimeDecoder().decode(base64Pkcs8.trim());
      PrivateKey key = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
      if (!(key instanceof EdECPrivateKey)) {
        throw new IllegalArgumentException("not an Ed25519 private key");
      }
      return key;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a base64 PKCS#8 Ed25519 private key", e);
    }
  }

  /**
   * Parses a base64 X.509 (SubjectPublicKeyInfo) Ed25519 public key.
   *
   * @throws IllegalArgumentException if the text is not such a key
   */
  public static PublicKey parsePublic(String base64X509) {
    try {
      byte[] der = Base64.getMimeDecoder().decode(base64X509.trim());
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key", e);
    }
  }

  /** A fresh key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK 15+ provides Ed25519", e);
    }
  }

  /**
   * The key pair of a private key. PKCS#8 files usually omit the public half; the JDK derives a
   * public key from the 32-byte seed it draws, so feeding it the key's own seed re-derives it.
   * The result is checked by a signature round trip, so a provider that draws differently fails
   * loudly instead of producing a wrong key.
   */
  public static KeyPair pairOf(PrivateKey privateKey) {
    try {
      byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
          .orElseThrow(() -> new IllegalArgumentException("private key has no seed"));
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
      generator.initialize(NamedParameterSpec.ED25519, new ReplayingRandom(seed));
      KeyPair pair = new KeyPair(generator.generateKeyPair().getPublic(), privateKey);
      if (!matches(pair)) {
        throw new IllegalStateException("could not derive the Ed25519 public key");
      }
      return pair;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 unavailable", e);
    }
  }

  /** True if the public key verifies what the private key signs. */
  public static boolean matches(KeyPair pair) {
    try {
      byte[] probe = "audit-key-check".getBytes(StandardCharsets.UTF_8);
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(pair.getPrivate());
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(pair.getPublic());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Base64 PKCS#8 of a private key (for the owner-only development key file). */
  public static String encodePrivate(PrivateKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** Base64 X.509 of a public key (for verifiers). */
  public static String encodePublic(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** Short fingerprint of a public key, safe to log: first 16 hex digits of its SHA-256. */
  public static String fingerprint(PublicKey key) {
    return AuditChain.sha256Hex(key.getEncoded()).substring(0, 16);
  }

  /** Hands out a fixed seed; only used to re-derive a public key. */
  private static final class ReplayingRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    ReplayingRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException("unexpected draw of " + bytes.length + " bytes");
      }
      System.arraycopy(seed, 0, bytes, 0, bytes.length);
    }
  }
}
