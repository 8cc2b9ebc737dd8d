package io.mcpbridge.auth;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Locale;
import java.util.Set;

/**
 * Structural checks done before any cryptography: size, shape, header, {@code typ}, {@code crit}
 * and well-formed claims. Everything it rejects is rejected cheaply and with a message that
 * never quotes the token.
 */
final class TokenParser {
  /** Largest token accepted, in characters (all accepted characters are ASCII, so also bytes). */
  static final int DEFAULT_MAX_TOKEN_CHARS = 16 * 1024;

  /** {@code typ} values accepted when present (RFC 7519 §5.1, RFC 9068 §2.1), compared without case. */
  private static final Set<String> ACCEPTED_TYPES = Set.of("jwt", "at+jwt", "application/jwt", "application/at+jwt");

  private final int maxChars;

  TokenParser(int maxChars) {
    this.maxChars = maxChars;
  }

  ParsedToken parse(String token) {
    if (token == null || token.isBlank()) {
      throw Failures.rejected("missing bearer token");
    }
    if (token.length() > maxChars) {
      throw Failures.rejected("token is larger than " + maxChars + " bytes");
    }
    int dots = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        dots++;
      } else if (!isBase64Url(c)) {
        throw Failures.rejected("malformed token: not a JWT (unexpected character)");
      }
    }
    if (dots == 4) {
      throw Failures.rejected("encrypted tokens (JWE) are not accepted");
    }
    if (dots != 2) {
      throw Failures.rejected("malformed token: a JWT has three dot-separated parts");
    }
    String[] parts = token.split("\\.", -1);
    if (parts[0].isEmpty() || parts[1].isEmpty()) {
      throw Failures.rejected("malformed token: empty header or payload");
    }
    Header header;
    try {
      header = Header.parse(new Base64URL(parts[0]));
    } catch (ParseException | RuntimeException e) {
      throw Failures.rejected("malformed token: unreadable header");
    }
    if (header instanceof PlainHeader) {
      throw Failures.rejected("unsigned tokens (alg none) are not accepted");
    }
    if (header instanceof JWEHeader) {
      throw Failures.rejected("encrypted tokens (JWE) are not accepted");
    }
    if (!(header instanceof JWSHeader)) {
      throw Failures.rejected("malformed token: not a signed JWT");
    }
    JWSHeader jws = (JWSHeader) header;
    if (parts[2].isEmpty()) {
      throw Failures.rejected("malformed token: missing signature");
    }
    checkType(jws.getType());
    if (jws.getCriticalParams() != null && !jws.getCriticalParams().isEmpty()) {
      throw Failures.rejected("tokens with critical header parameters (crit) are not accepted");
    }
    try {
      SignedJWT jwt = new SignedJWT(new Base64URL(parts[0]), new Base64URL(parts[1]), new Base64URL(parts[2]));
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      return new ParsedToken(jwt, jws, claims);
    } catch (ParseException | RuntimeException e) {
      throw Failures.rejected("malformed token: unreadable claims");
    }
  }

  private static void checkType(JOSEObjectType type) {
    if (type == null) {
      return;
    }
    if (!ACCEPTED_TYPES.contains(type.getType().toLowerCase(Locale.ROOT))) {
      throw Failures.rejected("token type (typ) is not accepted: expected JWT or at+jwt");
    }
  }

  private static boolean isBase64Url(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
  }
}
