package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.audit.s3.S3AuditSettings;
import io.mcpbridge.audit.s3.S3AuditSink;
import io.mcpbridge.audit.s3.S3Location;
import io.mcpbridge.core.audit.AuditChain;
import io.mcpbridge.core.audit.AuditRecordForm;
import io.mcpbridge.core.config.AuditSettings;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.testkit.AuditEvents;
import io.mcpbridge.testkit.CephRgw;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;

/** {@code bridge audit verify s3://…} through the packaged jar, against a real Ceph RGW with Object Lock. */
@ExtendWith(CephRgw.class)
class AuditVerifyS3IT {
  private static final int LOCK_DAYS = 3;
  @TempDir Path work;
  private S3Client s3;
  private String bucket;
  private AuditRecord last;

  private S3AuditSink sink;

  @BeforeEach
  void openTrail() {
    CephRgw.Gateway g = CephRgw.running();
    s3 = S3Client.builder().region(Region.of(g.region())).endpointOverride(g.endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(g.accessKey(), g.secretKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).chunkedEncodingEnabled(false).build())
        .build();
    bucket = "cli-" + UUID.randomUUID().toString().substring(0, 13);
    s3.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
    System.setProperty("aws.accessKeyId", g.accessKey());
    System.setProperty("aws.secretAccessKey", g.secretKey());
    S3AuditSettings settings = new S3AuditSettings(new S3Location(bucket, "trail"), g.region(), Optional.of(g.endpoint()),
        AuditSettings.LockMode.GOVERNANCE, LOCK_DAYS, Optional.empty(), 100, Duration.ofMinutes(1), Optional.empty(), true,
        100, Duration.ofMillis(2), Clock.systemUTC());
    sink = S3AuditSink.open(settings);
    for (int i = 0; i < 4; i++) {
      last = sink.append(AuditEvents.toolEvent(Instant.now()));
    }
  }

  @AfterEach
  void disconnect() {
    sink.close();
    s3.close();
  }

  private Map<String, String> env() {
    CephRgw.Gateway g = CephRgw.running();
    return Map.of("AUDIT_S3_REGION", g.region(), "AUDIT_S3_ENDPOINT", g.endpoint().toString(),
        "AUDIT_S3_OBJECT_LOCK_MODE", "governance", "AUDIT_S3_OBJECT_LOCK_DAYS", Integer.toString(LOCK_DAYS),
        "AWS_ACCESS_KEY_ID", g.accessKey(), "AWS_SECRET_ACCESS_KEY", g.secretKey());
  }

  /** Stores the chain-valid next record as someone else would: directly, with the given lock or none. */
  private String forgeNextRecord(Optional<Instant> retainUntil) {
    AuditRecord forged = AuditChain.resumeAt(last.sequence(), last.hash()).append(AuditEvents.toolEvent(Instant.now()));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String key = String.format("trail/%04d/%02d/%02d/records/%020d-%020d.jsonl", today.getYear(), today.getMonthValue(),
        today.getDayOfMonth(), forged.sequence(), forged.sequence());
    s3.putObject(b -> {
      b.bucket(bucket).key(key);
      retainUntil.ifPresent(t -> b.objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(t));
    }, RequestBody.fromString(AuditRecordForm.line(forged) + "\n"));
    return key;
  }

  @Test
  void givenIntactClosedTrail_verify_exitsZero() throws Exception {
    sink.close();

    BridgeProcess.Outcome outcome = BridgeProcess.run(work, env(), "audit", "verify", "s3://" + bucket + "/trail", "--lookback");

    assertThat(outcome.exitCode()).as(outcome.stdout() + outcome.stderr()).isEqualTo(0);
    assertThat(outcome.stdout()).contains("INTACT").contains("records checked:     4").contains("closed cleanly:      yes");
    assertThat(outcome.stdout() + outcome.stderr()).doesNotContain(CephRgw.running().secretKey());
  }

  @Test
  void givenObjectWithoutLock_verify_exitsOneNamingTheObjectKeyAndReason() throws Exception {
    String key = forgeNextRecord(Optional.empty());

    BridgeProcess.Outcome text = BridgeProcess.run(work, env(), "audit", "verify", "s3://" + bucket + "/trail");
    BridgeProcess.Outcome json = BridgeProcess.run(work, env(), "audit", "verify", "s3://" + bucket + "/trail", "--format", "json");

    assertThat(text.exitCode()).as(text.stdout() + text.stderr()).isEqualTo(1);
    assertThat(text.stdout()).contains("FAILED at " + key + " (LOCK_MISSING)");
    assertThat(json.exitCode()).isEqualTo(1);
    JsonNode failure = new ObjectMapper().readTree(json.stdout()).get("failure");
    assertThat(failure.get("key").asText()).isEqualTo(key);
    assertThat(failure.get("reason").asText()).isEqualTo("LOCK_MISSING");
  }

  @Test
  void givenObjectWithShortRetention_verify_exitsOneWithRetentionTooShort() throws Exception {
    String key = forgeNextRecord(Optional.of(Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS)));

    BridgeProcess.Outcome text = BridgeProcess.run(work, env(), "audit", "verify", "s3://" + bucket + "/trail");

    assertThat(text.exitCode()).as(text.stdout() + text.stderr()).isEqualTo(1);
    assertThat(text.stdout()).contains("FAILED at " + key + " (RETENTION_TOO_SHORT)");
  }
}
