package io.mcpbridge.http;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DNS-rebinding protection for {@code /mcp}: a browser {@code Origin} must be allowed (configured,
 * or loopback when none is configured), and when the server listens on loopback the {@code Host}
 * must name loopback (or a configured origin's host), so a hostile page cannot reach a local server
 * through a name it controls.
 */
final class OriginPolicy {
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private final Set<String> origins = new HashSet<>();
  private final Set<String> originHosts = new HashSet<>();
  private final boolean loopbackBind;

  OriginPolicy(List<String> allowedOrigins, String bindHost) {
    for (String o : allowedOrigins) {
      String normal = trimSlash(o.trim().toLowerCase(Locale.ROOT));
      origins.add(normal);
      hostOf(normal).ifPresent(originHosts::add);
    }
    loopbackBind = LOOPBACK.contains(bindHost.toLowerCase(Locale.ROOT));
  }

  /** True if the request's Origin (may be null) is acceptable. */
  boolean originAllowed(String origin) {
    if (origin == null || origin.isBlank()) {
      return true; // not a browser request
    }
    String normal = trimSlash(origin.trim().toLowerCase(Locale.ROOT));
    if (origins.contains(normal)) {
      return true;
    }
    return origins.isEmpty() && hostOf(normal).map(LOOPBACK::contains).orElse(false);
  }

  /** True if the request's Host header is acceptable. */
  boolean hostAllowed(String host) {
    if (!loopbackBind) {
      return true; // public binds sit behind proxies that set Host; Origin is the browser check
    }
    if (host == null || host.isBlank()) {
      return false;
    }
    String name = stripPort(host.trim().toLowerCase(Locale.ROOT));
    return LOOPBACK.contains(name) || originHosts.contains(name);
  }

  private static java.util.Optional<String> hostOf(String origin) {
    try {
      String host = URI.create(origin).getHost();
      return java.util.Optional.ofNullable(host).map(h -> h.startsWith("[") ? h : h.contains(":") ? "[" + h + "]" : h);
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  private static String stripPort(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
