package io.mcpbridge.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.port.AuthMetrics.Reason;
import org.junit.jupiter.api.Test;

/** The fixed refusal messages of token verification map to bounded metric reasons. */
class AuthRefusalReasonTest {

  @Test
  void theVerifiersMessagesFallIntoTheirCategories() {
    assertThat(Reason.of("a bearer token is required")).isEqualTo(Reason.MISSING_TOKEN);
    assertThat(Reason.of("token expired")).isEqualTo(Reason.EXPIRED);
    assertThat(Reason.of("token is not valid yet (nbf)")).isEqualTo(Reason.NOT_YET_VALID);
    assertThat(Reason.of("token was issued in the future (iat)")).isEqualTo(Reason.NOT_YET_VALID);
    assertThat(Reason.of("token signature is invalid")).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(Reason.of("no signing key of the issuer matches the token")).isEqualTo(Reason.UNKNOWN_KEY);
    assertThat(Reason.of("token audience (aud) is not accepted")).isEqualTo(Reason.WRONG_AUDIENCE);
    assertThat(Reason.of("token issuer (iss) is not accepted")).isEqualTo(Reason.WRONG_ISSUER);
    assertThat(Reason.of("unsigned tokens (alg none) are not accepted")).isEqualTo(Reason.ALGORITHM);
    assertThat(Reason.of("token algorithm (alg) is not accepted")).isEqualTo(Reason.ALGORITHM);
    assertThat(Reason.of("token is not an access token (its typ claim is not Bearer)")).isEqualTo(Reason.NOT_ACCESS_TOKEN);
    assertThat(Reason.of("single-use token was already used")).isEqualTo(Reason.REPLAYED);
    assertThat(Reason.of("malformed token: missing signature")).isEqualTo(Reason.MALFORMED);
    assertThat(Reason.of("the Authorization header must be 'Bearer <token>'")).isEqualTo(Reason.MALFORMED);
    assertThat(Reason.of("this server accepts no bearer tokens (no identity provider configured)"))
        .isEqualTo(Reason.NO_IDENTITY_PROVIDER);
    assertThat(Reason.of("something new")).isEqualTo(Reason.OTHER);
    assertThat(Reason.of(null)).isEqualTo(Reason.OTHER);
  }

  @Test
  void labelsAreLowerCase() {
    assertThat(Reason.WRONG_AUDIENCE.label()).isEqualTo("wrong_audience");
  }
}
