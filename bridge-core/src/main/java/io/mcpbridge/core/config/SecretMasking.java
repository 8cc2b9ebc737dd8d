package io.mcpbridge.core.config;

import java.net.URI;
import java.net.URISyntaxException;

/** Masks secret values for display: URLs keep scheme, host and path so problems stay diagnosable. */
public final class SecretMasking {
  private static final String MASK = "****";

  private SecretMasking() {}

  /**
   * Masks a secret. A URL with a host is shown with its user information replaced by
   * {@code ****} and its query dropped; anything else becomes {@code ****}.
   */
  public static String mask(String value) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() != null && uri.getHost() != null) {
        StringBuilder b = new StringBuilder(uri.getScheme()).append("://");
        if (uri.getRawUserInfo() != null) {
          b.append(MASK).append('@');
        }
        b.append(uri.getHost());
        if (uri.getPort() >= 0) {
          b.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
          b.append(uri.getRawPath());
        }
        return b.toString();
      }
    } catch (URISyntaxException e) {
      // not a URL: fall through to full masking
    }
    return MASK;
  }
}
