package io.mcpbridge.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.mcpbridge.core.model.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the claims of a verified OIDC token into roles and the service-account flag. The rules
 * are those of ADR 0003:
 *
 * <ul>
 *   <li>Role names are read from the roles claim ({@code AUTH_ROLES_CLAIM}, default {@code roles}),
 *       Keycloak's {@code realm_access.roles} and {@code resource_access.<audience>.roles}. Each name
 *       goes through the mapping ({@code AUTH_ROLE_MAPPING}); without a mapping the plain names
 *       viewer, operator and admin (any case) are recognised. Unknown names are ignored.
 *   <li>Scopes ({@code scope} or {@code scp}, a space-separated string or an array):
 *       {@code mcp:read} → viewer, {@code mcp:operate} → operator, {@code mcp:admin} → admin,
 *       plus any scope named in the mapping.
 *   <li>The union of all sources is granted; a token with none is a principal without roles.
 * </ul>
 */
final class ClaimMapping {
  static final String DEFAULT_ROLES_CLAIM = "roles";
  private static final Map<String, Role> SCOPES = Map.of(
      "mcp:read", Role.VIEWER, "mcp:operate", Role.OPERATOR, "mcp:admin", Role.ADMIN);
  private static final String KEYCLOAK_SERVICE_ACCOUNT_PREFIX = "service-account-";

  private final String rolesClaim;
  private final Map<String, Role> mapping;
  private final Optional<String> clientId;

  /**
   * @param rolesClaim claim (or dotted path) holding role names
   * @param mapping external name → role; empty means the plain role names
   * @param clientId the bridge's client id in Keycloak's {@code resource_access} (the audience)
   */
  ClaimMapping(String rolesClaim, Map<String, Role> mapping, Optional<String> clientId) {
    this.rolesClaim = rolesClaim;
    this.mapping = Map.copyOf(mapping);
    this.clientId = clientId;
  }

  Set<Role> roles(JWTClaimsSet claims) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    List<String> names = new ArrayList<>(strings(value(claims, rolesClaim)));
    names.addAll(strings(value(claims, "realm_access.roles")));
    clientId.ifPresent(client -> {
      Object resourceAccess = claims.getClaim("resource_access");
      if (resourceAccess instanceof Map<?, ?> byClient && byClient.get(client) instanceof Map<?, ?> access) {
        names.addAll(strings(access.get("roles")));
      }
    });
    for (String name : names) {
      roleNamed(name).ifPresent(roles::add);
    }
    List<String> scopes = new ArrayList<>(strings(claims.getClaim("scope")));
    scopes.addAll(strings(claims.getClaim("scp")));
    for (String scope : scopes) {
      Role role = SCOPES.get(scope);
      if (role == null) {
        role = mapping.get(scope);
      }
      if (role != null) {
        roles.add(role);
      }
    }
    return roles;
  }

  private Optional<Role> roleNamed(String name) {
    if (mapping.isEmpty()) {
      return Role.parse(name);
    }
    return Optional.ofNullable(mapping.get(name));
  }

  /**
   * Whether the token was issued to a client acting for itself (client-credentials grant). Identity
   * providers say so differently; any of these counts:
   *
   * <ol>
   *   <li>{@code gty} is {@code client-credentials} (Auth0);
   *   <li>{@code idtyp} is {@code app} (Microsoft Entra ID, with that optional claim enabled);
   *   <li>{@code client_id} (or Okta's {@code cid}) equals {@code sub} (RFC 9068 §2.2, Okta,
   *       mock-oauth2-server);
   *   <li>Keycloak: {@code client_id} (or the older {@code clientId}) equals {@code azp}, and
   *       {@code preferred_username} is absent or is Keycloak's {@code service-account-…} user;
   *       or {@code preferred_username} is {@code service-account-…} with an {@code azp}.
   * </ol>
   *
   * A bare {@code client_id} claim does not count: RFC 9068 puts it in every access token,
   * including those of people.
   */
  boolean serviceAccount(JWTClaimsSet claims) {
    if ("client-credentials".equals(text(claims, "gty")) || "app".equals(text(claims, "idtyp"))) {
      return true;
    }
    String subject = claims.getSubject();
    String client = firstText(claims, "client_id", "cid", "clientId");
    if (client != null && client.equals(subject)) {
      return true;
    }
    String azp = text(claims, "azp");
    String username = text(claims, "preferred_username");
    boolean keycloakServiceUser = username != null && username.startsWith(KEYCLOAK_SERVICE_ACCOUNT_PREFIX);
    if (client != null && client.equals(azp) && (username == null || keycloakServiceUser)) {
      return true;
    }
    return keycloakServiceUser && azp != null;
  }

  /** A claim by exact name, else (if the name has dots) by path through nested objects. */
  static Object value(JWTClaimsSet claims, String name) {
    Object direct = claims.getClaim(name);
    if (direct != null || !name.contains(".")) {
      return direct;
    }
    Object current = claims.getClaims();
    for (String step : name.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(step);
    }
    return current;
  }

  /** Strings of an array claim, or the words of a string claim (space- or comma-separated). */
  static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof String s) {
      for (String word : s.split("[\\s,]+")) {
        if (!word.isEmpty()) {
          out.add(word);
        }
      }
    } else if (value instanceof Collection<?> items) {
      for (Object item : items) {
        if (item instanceof String s && !s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  private static String text(JWTClaimsSet claims, String name) {
    Object v = claims.getClaim(name);
    return v instanceof String s ? s : null;
  }

  private static String firstText(JWTClaimsSet claims, String... names) {
    for (String name : names) {
      String v = text(claims, name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
