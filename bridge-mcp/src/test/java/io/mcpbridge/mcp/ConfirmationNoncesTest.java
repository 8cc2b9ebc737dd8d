package io.mcpbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfirmationNoncesTest {
  private final ConfirmationNonces nonces = new ConfirmationNonces(Clock.systemUTC(), Duration.ofMinutes(5));

  @Test
  void givenAFloodFromOneCaller_issue_evictsOnlyThatCallersOldestNonces() {
    String alices = nonces.issue("binding-a", "alice");
    String mallorysFirst = nonces.issue("binding-m0", "mallory");
    for (int i = 1; i <= ConfirmationNonces.MAX_PER_CALLER; i++) {
      nonces.issue("binding-m" + i, "mallory");
    }

    assertThat(nonces.redeem(alices, "binding-a")).isEqualTo(ConfirmationNonces.Outcome.VALID);
    assertThat(nonces.redeem(mallorysFirst, "binding-m0")).isEqualTo(ConfirmationNonces.Outcome.UNKNOWN_OR_USED);
  }

  @Test
  void givenANonce_redeem_isSingleUseAndBoundToItsCall() {
    String nonce = nonces.issue("binding", "alice");
    String other = nonces.issue("binding", "alice");

    assertThat(nonces.redeem(nonce, "binding")).isEqualTo(ConfirmationNonces.Outcome.VALID);
    assertThat(nonces.redeem(nonce, "binding")).isEqualTo(ConfirmationNonces.Outcome.UNKNOWN_OR_USED);
    assertThat(nonces.redeem(other, "another-binding")).isEqualTo(ConfirmationNonces.Outcome.MISMATCH);
  }
}
