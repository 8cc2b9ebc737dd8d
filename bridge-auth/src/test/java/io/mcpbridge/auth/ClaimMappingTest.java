package io.mcpbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.mcpbridge.core.model.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Role sources and the service-account heuristic, claim by claim (ADR 0003). */
class ClaimMappingTest {
  private final ClaimMapping plain = new ClaimMapping("roles", Map.of(), Optional.of("mcp-bridge"));

  private static JWTClaimsSet claims(Map<String, Object> claims) {
    JWTClaimsSet.Builder b = new JWTClaimsSet.Builder();
    claims.forEach(b::claim);
    return b.build();
  }

  @Test
  void givenRolesArray_roles_recognisesPlainNamesInAnyCase() {
    assertThat(plain.roles(claims(Map.of("roles", List.of("Operator", "unrelated"))))).containsExactly(Role.OPERATOR);
  }

  @Test
  void givenKeycloakRealmAndClientRoles_roles_readsBoth() {
    JWTClaimsSet c = claims(Map.of(
        "realm_access", Map.of("roles", List.of("offline_access", "viewer")),
        "resource_access", Map.of("mcp-bridge", Map.of("roles", List.of("admin")), "other-app", Map.of("roles", List.of("operator")))));

    assertThat(plain.roles(c)).containsExactlyInAnyOrder(Role.VIEWER, Role.ADMIN);
  }

  @Test
  void givenScopeStringOrScpArray_roles_mapsMcpScopes() {
    assertThat(plain.roles(claims(Map.of("scope", "openid mcp:read profile")))).containsExactly(Role.VIEWER);
    assertThat(plain.roles(claims(Map.of("scp", "mcp:operate")))).containsExactly(Role.OPERATOR);
    assertThat(plain.roles(claims(Map.of("scp", List.of("mcp:admin", "email"))))).containsExactly(Role.ADMIN);
  }

  @Test
  void givenPlainRoleNamesAsScopes_roles_ignoresThem() {
    assertThat(plain.roles(claims(Map.of("scope", "admin operator")))).isEmpty();
  }

  @Test
  void givenNoRoleClaims_roles_isEmpty() {
    assertThat(plain.roles(claims(Map.of("sub", "x")))).isEmpty();
    assertThat(plain.roles(claims(Map.of("roles", "not-a-role", "realm_access", "garbage")))).isEmpty();
  }

  @Test
  void givenMapping_roles_usesOnlyTheMappingAndMcpScopes() {
    ClaimMapping mapped = new ClaimMapping("groups", Map.of("lab-admin", Role.ADMIN, "lab-user", Role.OPERATOR,
        "Simulations.Read", Role.VIEWER), Optional.of("mcp-bridge"));

    assertThat(mapped.roles(claims(Map.of("groups", List.of("lab-user", "admin"))))).containsExactly(Role.OPERATOR);
    assertThat(mapped.roles(claims(Map.of("roles", List.of("admin"))))).isEmpty();
    assertThat(mapped.roles(claims(Map.of("realm_access", Map.of("roles", List.of("lab-admin")))))).containsExactly(Role.ADMIN);
    assertThat(mapped.roles(claims(Map.of("scp", "Simulations.Read mcp:operate")))).containsExactlyInAnyOrder(Role.VIEWER, Role.OPERATOR);
  }

  @Test
  void givenDottedRolesClaim_roles_followsThePathUnlessAClaimHasTheWholeName() {
    ClaimMapping nested = new ClaimMapping("app.permissions.roles", Map.of(), Optional.empty());
    ClaimMapping namespaced = new ClaimMapping("https://lab.example.org/roles", Map.of(), Optional.empty());

    assertThat(nested.roles(claims(Map.of("app", Map.of("permissions", Map.of("roles", List.of("admin"))))))).containsExactly(Role.ADMIN);
    assertThat(namespaced.roles(claims(Map.of("https://lab.example.org/roles", List.of("viewer"))))).containsExactly(Role.VIEWER);
  }

  @Test
  void givenClientCredentialsMarkers_serviceAccount_recognisesEachIdentityProvider() {
    assertThat(plain.serviceAccount(claims(Map.of("sub", "abc@clients", "gty", "client-credentials")))).as("Auth0").isTrue();
    assertThat(plain.serviceAccount(claims(Map.of("sub", "3f2c", "idtyp", "app")))).as("Entra ID").isTrue();
    assertThat(plain.serviceAccount(claims(Map.of("sub", "0oa1", "cid", "0oa1")))).as("Okta").isTrue();
    assertThat(plain.serviceAccount(claims(Map.of("sub", "svc-ingest", "client_id", "svc-ingest")))).as("RFC 9068").isTrue();
    assertThat(plain.serviceAccount(claims(Map.of("sub", "5d1e", "azp", "ingest", "client_id", "ingest",
        "preferred_username", "service-account-ingest")))).as("Keycloak").isTrue();
    assertThat(plain.serviceAccount(claims(Map.of("sub", "5d1e", "azp", "ingest", "clientId", "ingest")))).as("old Keycloak").isTrue();
    assertThat(plain.serviceAccount(claims(Map.of("sub", "5d1e", "azp", "ingest",
        "preferred_username", "service-account-ingest")))).as("Keycloak without client_id mapper").isTrue();
  }

  @Test
  void givenPeople_serviceAccount_isFalse() {
    assertThat(plain.serviceAccount(claims(Map.of("sub", "u1", "client_id", "console", "azp", "console",
        "preferred_username", "alice")))).as("RFC 9068 user token via a client").isFalse();
    assertThat(plain.serviceAccount(claims(Map.of("sub", "u1", "client_id", "console")))).isFalse();
    assertThat(plain.serviceAccount(claims(Map.of("sub", "u1", "azp", "console", "preferred_username", "alice")))).isFalse();
    assertThat(plain.serviceAccount(claims(Map.of("sub", "u1", "gty", "password")))).isFalse();
  }
}
