package io.mcpbridge.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditSigningKeysTest {

  @Test
  void givenEncodedPrivateKey_pairOf_derivesThePublicKeyOfTheOriginalPair() {
    KeyPair original = AuditSigningKeys.generate();

    KeyPair derived = AuditSigningKeys.pairOf(AuditSigningKeys.parsePrivate(AuditSigningKeys.encodePrivate(original.getPrivate())));

    assertThat(derived.getPublic().getEncoded()).isEqualTo(original.getPublic().getEncoded());
  }

  @Test
  void givenSignedCheckpoint_verifies_withMatchingPublicKeyOnly() {
    KeyPair keys = AuditSigningKeys.generate();
    SignedCheckpoint signed = new CheckpointSigner(keys.getPrivate())
        .sign(new AuditCheckpoint(7, "ab".repeat(32), Instant.parse("2026-03-01T00:00:00Z"), AuditCheckpoint.Kind.PERIODIC));

    assertThat(signed.verifies(AuditSigningKeys.parsePublic(AuditSigningKeys.encodePublic(keys.getPublic())))).isTrue();
    assertThat(signed.verifies(AuditSigningKeys.generate().getPublic())).isFalse();
    assertThat(new SignedCheckpoint(signed.checkpoint(), "not base64!").verifies(keys.getPublic())).isFalse();
  }

  @Test
  void givenGarbage_parsePrivate_failsWithoutEchoingIt() {
    assertThatThrownBy(() -> AuditSigningKeys.parsePrivate("c2VjcmV0LXNlY3JldA=="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("c2VjcmV0LXNlY3JldA==");
  }

  @Test
  void givenCheckpoint_line_isCanonicalWithSignature() {
    AuditCheckpoint cp = new AuditCheckpoint(3, "cd".repeat(32), Instant.parse("2026-03-01T00:00:00Z"), AuditCheckpoint.Kind.CLOSE);

    assertThat(new SignedCheckpoint(cp, "c2ln").line()).isEqualTo("{\"headHash\":\"" + "cd".repeat(32)
        + "\",\"kind\":\"close\",\"sequence\":3,\"signature\":\"c2ln\",\"time\":\"2026-03-01T00:00:00Z\",\"type\":\"checkpoint\"}");
  }
}
