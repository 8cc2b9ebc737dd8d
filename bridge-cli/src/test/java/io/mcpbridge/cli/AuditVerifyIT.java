package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.audit.local.LocalAuditSettings;
import io.mcpbridge.audit.local.LocalFileAuditSink;
import io.mcpbridge.testkit.AuditEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge audit verify} as operators run it, on a trail written by the real sink. */
class AuditVerifyIT {
  private static final Instant WRITTEN = Instant.parse("2026-03-01T10:00:00Z");
  private static final String DAY = "2026/03/01.jsonl";
  @TempDir Path work;
  private Path trail;

  @BeforeEach
  void writeTrail() {
    trail = work.resolve("var/audit");
    LocalAuditSettings settings = new LocalAuditSettings(trail, 100, Duration.ofMinutes(1), Optional.empty(), true,
        Clock.fixed(WRITTEN, ZoneOffset.UTC));
    try (LocalFileAuditSink sink = LocalFileAuditSink.open(settings)) {
      for (int i = 0; i < 5; i++) {
        sink.append(AuditEvents.toolEvent(WRITTEN));
      }
    }
  }

  @Test
  void givenIntactTrail_verify_exitsZero() throws Exception {
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of(), "audit", "verify", trail.toString());

    assertThat(outcome.exitCode()).as(outcome.stdout() + outcome.stderr()).isEqualTo(0);
    assertThat(outcome.stdout()).contains("INTACT").contains("records checked:     5").contains("closed cleanly:      yes");
  }

  @Test
  void givenDefaultPathFromConfiguration_verify_checksThatTrail() throws Exception {
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of("AUDIT_STORAGE_PATH", trail.toString()), "audit", "verify");

    assertThat(outcome.exitCode()).as(outcome.stdout() + outcome.stderr()).isEqualTo(0);
  }

  @Test
  void givenEditedEvent_verify_exitsOneNamingFileLineAndReason() throws Exception {
    Path file = trail.resolve(DAY);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    lines.set(2, lines.get(2).replace("\"status\":\"ok\"", "\"status\":\"refused\""));
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

    BridgeProcess.Outcome text = BridgeProcess.run(work, Map.of(), "audit", "verify", trail.toString());
    BridgeProcess.Outcome json = BridgeProcess.run(work, Map.of(), "audit", "verify", trail.toString(), "--format", "json");

    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.stdout()).contains("FAILED at " + DAY + ":3 (EDITED)");
    assertThat(json.exitCode()).isEqualTo(1);
    JsonNode failure = new ObjectMapper().readTree(json.stdout()).get("failure");
    assertThat(failure.get("file").asText()).isEqualTo(DAY);
    assertThat(failure.get("line").asInt()).isEqualTo(3);
    assertThat(failure.get("reason").asText()).isEqualTo("EDITED");
  }

  @Test
  void givenS3LocationWithoutS3Settings_verify_failsAsUsageErrorNamingTheMissingSetting() throws Exception {
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of(), "audit", "verify", "s3://bucket/audit-trail");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stderr()).contains("AUDIT_S3_REGION is required");
  }

  @Test
  void givenMissingPublicKey_verify_failsAsUsageError() throws Exception {
    Files.delete(trail.resolve("audit-signing.pub"));

    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of(), "audit", "verify", trail.toString());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stderr()).contains("audit-signing.pub");
  }
}
