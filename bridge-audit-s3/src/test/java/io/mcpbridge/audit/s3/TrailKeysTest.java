package io.mcpbridge.audit.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.audit.AuditChain;
import io.mcpbridge.core.audit.AuditCheckpoint;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrailKeysTest {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

  @Test
  void givenBatchesAcrossDays_lexicographicKeyOrder_isChainOrder() {
    List<String> inChainOrder = List.of(TrailKeys.records(DAY, 1, 9), TrailKeys.records(DAY, 10, 10),
        TrailKeys.records(DAY, 11, 250), TrailKeys.records(DAY.plusDays(1), 251, 251));
    List<String> sorted = new ArrayList<>(inChainOrder);
    sorted.sort(String::compareTo);

    assertThat(sorted).isEqualTo(inChainOrder);
    assertThat(TrailKeys.batch(inChainOrder.get(2))).contains(new TrailKeys.Batch(DAY, 11, 250));
  }

  @Test
  void givenCheckpointAtSequence_startAfterKey_skipsBatchesUpToItAndKeepsLaterOnes() {
    String after = TrailKeys.afterBatchesStartingBy(DAY, 10);

    assertThat(TrailKeys.records(DAY, 1, 10).compareTo(after)).isNegative();
    assertThat(TrailKeys.records(DAY, 10, 10).compareTo(after)).isNegative();
    assertThat(TrailKeys.records(DAY, 11, 12).compareTo(after)).isPositive();
  }

  @Test
  void givenCheckpoints_keysSortBySequenceThenTime_andAreNotBatches() {
    String close = TrailKeys.checkpoint(DAY, new AuditCheckpoint(5, AuditChain.GENESIS_HASH, Instant.parse("2026-03-01T10:00:00Z"), AuditCheckpoint.Kind.CLOSE));
    String reopen = TrailKeys.checkpoint(DAY, new AuditCheckpoint(5, AuditChain.GENESIS_HASH, Instant.parse("2026-03-01T11:00:00Z"), AuditCheckpoint.Kind.OPEN));

    assertThat(close).startsWith("2026/03/01/checkpoints/00000000000000000005-").endsWith("-close.json");
    assertThat(close.compareTo(reopen)).isNegative();
    assertThat(TrailKeys.isCheckpoint(close)).isTrue();
    assertThat(TrailKeys.batch(close)).isEmpty();
    assertThat(TrailKeys.dayOf("2026/02/30/")).isEmpty();
  }

  @Test
  void givenS3Url_location_splitsBucketAndPrefixAndBuildsKeys() {
    S3Location location = S3Location.parse("s3://audit-bucket/team/audit-trail/");

    assertThat(location.bucket()).isEqualTo("audit-bucket");
    assertThat(location.key("keys/x.pub")).isEqualTo("team/audit-trail/keys/x.pub");
    assertThat(location.relative("team/audit-trail/2026/03/01/")).isEqualTo("2026/03/01/");
    assertThat(S3Location.parse("s3://bare").key("a")).isEqualTo("a");
  }
}
