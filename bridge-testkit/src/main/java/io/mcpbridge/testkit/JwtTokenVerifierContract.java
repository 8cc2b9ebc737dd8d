package io.mcpbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.Role;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The {@link TokenVerifierContract} plus what only JSON Web Token verifiers must also refuse:
 * unsigned variants of a valid token and a payload moved under another token's signature.
 */
public abstract class JwtTokenVerifierContract extends TokenVerifierContract {

  @Test
  void givenUnsignedVariantOfValidJwt_verify_throwsAuthenticationException() {
    String token = tokenFor("frank", EnumSet.of(Role.ADMIN));
    String[] parts = token.split("\\.", -1);
    assertThat(parts).as("a JWT has three parts").hasSize(3);
    String none = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    assertRejectedWithoutEcho(none + "." + parts[1] + ".");
    assertRejectedWithoutEcho(none + "." + parts[1] + "." + parts[2]);
  }

  @Test
  void givenSignatureOfAnotherToken_verify_throwsAuthenticationException() {
    String alice = tokenFor("alice", EnumSet.of(Role.VIEWER));
    String mallory = tokenFor("mallory", EnumSet.of(Role.ADMIN));
    String[] a = alice.split("\\.", -1);
    String[] m = mallory.split("\\.", -1);
    assertThat(a).as("a JWT has three parts").hasSize(3);

    assertRejectedWithoutEcho(a[0] + "." + m[1] + "." + a[2]);
  }
}
