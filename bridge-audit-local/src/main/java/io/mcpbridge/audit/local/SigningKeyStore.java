package io.mcpbridge.audit.local;

import io.mcpbridge.core.audit.AuditSigningKeys;
import io.mcpbridge.core.error.BackendUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint key of a local trail: the configured key, or (where allowed) a key generated on
 * first start and kept owner-only next to the trail. Every public key ever used is listed, one per
 * line, in the public key file, so checkpoints signed before a rotation still verify.
 */
final class SigningKeyStore {
  private static final Logger LOG = LoggerFactory.getLogger(SigningKeyStore.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final TrailLayout layout;

  SigningKeyStore(TrailLayout layout) {
    this.layout = layout;
  }

  KeyPair resolve(LocalAuditSettings settings) throws IOException {
    KeyPair pair;
    if (settings.signingKey().isPresent()) {
      try {
        pair = AuditSigningKeys.pairOf(AuditSigningKeys.parsePrivate(settings.signingKey().get().reveal()));
      } catch (IllegalArgumentException e) {
        throw new BackendUnavailableException("AUDIT_SIGNING_KEY is not a base64 PKCS#8 Ed25519 private key");
      }
    } else if (Files.exists(layout.privateKeyFile())) {
      pair = AuditSigningKeys.pairOf(AuditSigningKeys.parsePrivate(Files.readString(layout.privateKeyFile(), StandardCharsets.US_ASCII)));
    } else if (settings.generateKeyIfMissing()) {
      pair = generate();
    } else {
      throw new BackendUnavailableException("AUDIT_SIGNING_KEY is required: checkpoints of " + layout.root()
          + " must be signed, and a generated key is allowed only in development, local or test");
    }
    listPublicKey(pair.getPublic());
    return pair;
  }

  private KeyPair generate() throws IOException {
    KeyPair pair = AuditSigningKeys.generate();
    Path file = layout.privateKeyFile();
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file); // not a POSIX file system: rely on the directory's protection
    } catch (FileAlreadyExistsException e) {
      throw new IOException("signing key file appeared while generating one: " + file, e);
    }
    Files.writeString(file, AuditSigningKeys.encodePrivate(pair.getPrivate()) + "\n", StandardCharsets.US_ASCII);
    LOG.warn("Generated a development audit signing key (fingerprint {}) in {}; configure AUDIT_SIGNING_KEY outside development",
        AuditSigningKeys.fingerprint(pair.getPublic()), file);
    return pair;
  }

  private void listPublicKey(PublicKey key) throws IOException {
    Path file = layout.publicKeyFile();
    String encoded = AuditSigningKeys.encodePublic(key);
    List<String> known = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.US_ASCII) : new ArrayList<>();
    if (known.stream().map(String::trim).noneMatch(encoded::equals)) {
      Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      LOG.info("Listed audit checkpoint public key {} in {}", AuditSigningKeys.fingerprint(key), file);
    }
  }

  /** Every public key listed in a public key file (one base64 X.509 key per line). */
  static List<PublicKey> readPublicKeys(Path file) throws IOException {
    List<PublicKey> keys = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        keys.add(AuditSigningKeys.parsePublic(line));
      }
    }
    return keys;
  }
}
