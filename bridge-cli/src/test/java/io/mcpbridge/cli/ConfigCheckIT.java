package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge config check} as operators run it: a real process, real environment, real .env. */
class ConfigCheckIT {
  private static final String SECRET = "abc";
  @TempDir Path work;

  @BeforeEach
  void bundledModelDirectory() throws Exception {
    Files.createDirectories(work.resolve("models"));
  }

  private static Map<String, String> productionWithShortcuts() {
    return Map.of("ENVIRONMENT", "production", "AUTH_DEV_SECRET", SECRET,
        "JOB_BACKEND", "celery", "AUTH_ALLOW_ANONYMOUS", "true");
  }

  @Test
  void givenProductionWithDevelopmentShortcuts_configCheck_exitsOneListingEveryError() throws Exception {
    BridgeProcess.Outcome text = BridgeProcess.run(work, productionWithShortcuts(), "config", "check");

    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.stdout()).contains("AUTH_DEV_SECRET", "AUTH_ALLOW_ANONYMOUS", "AUTH_ISSUER_URL", "JOB_BROKER_URL")
        .contains("INVALID");
    assertThat(text.stdout() + text.stderr()).doesNotContain("'" + SECRET + "'").doesNotContain("= " + SECRET);
  }

  @Test
  void givenProductionWithDevelopmentShortcuts_jsonFormat_carriesTheSameErrors() throws Exception {
    BridgeProcess.Outcome json = BridgeProcess.run(work, productionWithShortcuts(), "config", "check", "--format", "json");

    assertThat(json.exitCode()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(json.stdout());
    assertThat(root.get("valid").asBoolean()).isFalse();
    List<String> variables = new ArrayList<>();
    root.get("errors").forEach(e -> variables.add(e.get("variable").asText()));
    assertThat(variables).contains("AUTH_DEV_SECRET", "AUTH_ALLOW_ANONYMOUS", "AUTH_ISSUER_URL", "JOB_BROKER_URL");
    assertThat(root.get("settings").get("AUTH_DEV_SECRET").get("value").asText()).isEqualTo("****");
    assertThat(root.get("settings").get("AUTH_DEV_SECRET").get("origin").asText()).isEqualTo("environment");
    assertThat(root.get("warnings").isArray()).isTrue();
    assertThat(json.stdout()).doesNotContain("\"" + SECRET + "\"");
  }

  @Test
  void givenDevelopmentDefaults_configCheck_exitsZero() throws Exception {
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of("ENVIRONMENT", "development"), "config", "check");

    assertThat(outcome.exitCode()).as(outcome.stdout()).isEqualTo(0);
    assertThat(outcome.stdout()).contains("Configuration is valid").contains("JOB_BACKEND").contains("(default)");
  }

  @Test
  void givenDotEnvFile_configCheck_readsItButEnvironmentWins() throws Exception {
    Files.writeString(work.resolve(".env"), "# local overrides\nexport PORT=9100\nSERVICE_NAME=\"from-dotenv\"\n");

    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of("PORT", "9200"), "config", "check", "--format", "json");

    JsonNode settings = new ObjectMapper().readTree(outcome.stdout()).get("settings");
    assertThat(settings.get("PORT").get("value").asText()).isEqualTo("9200");
    assertThat(settings.get("PORT").get("origin").asText()).isEqualTo("environment");
    assertThat(settings.get("SERVICE_NAME").get("value").asText()).isEqualTo("from-dotenv");
    assertThat(settings.get("SERVICE_NAME").get("origin").asText()).isEqualTo(".env");
  }
}
