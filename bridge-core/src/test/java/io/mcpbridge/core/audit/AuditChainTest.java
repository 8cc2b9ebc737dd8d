package io.mcpbridge.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AuditChainTest {
  // The canonical content of Events.event(1) at sequence 1, written out by hand.
  private static final String CONTENT_OF_FIRST = "{\"correlationId\":\"corr-1\",\"durationMillis\":13,"
      + "\"eventId\":\"00000000-0000-4000-8000-000000000001\",\"eventType\":\"tool.run_simulation\","
      + "\"identity\":{\"method\":\"oidc\",\"roles\":[\"operator\"],\"serviceAccount\":false,\"subject\":\"alice\",\"tokenId\":\"tok-1\"},"
      + "\"previousHash\":\"" + "0".repeat(64) + "\",\"requestSha256\":\"" + "ab".repeat(32) + "\",\"sequence\":1,\"status\":\"ok\","
      + "\"summary\":{\"simulationId\":\"sim-1\",\"tool\":\"run_simulation\"},\"timestamp\":\"2026-03-01T10:15:31.123Z\"}";
  // sha256 of CONTENT_OF_FIRST, computed independently (Python hashlib) and pinned: hashes must not drift between releases.
  private static final String HASH_OF_FIRST = "da805086aabc8ab08b8123d8e504680c275856128f8903a2457e260cb6eed90a";

  @Test
  void givenEvent_content_isTheHandWrittenCanonicalForm() {
    String content = CanonicalJson.write(AuditRecordForm.content(Events.event(1), 1, AuditChain.GENESIS_HASH));

    assertThat(content).isEqualTo(CONTENT_OF_FIRST);
  }

  @Test
  void givenEvent_hash_isSha256OfCanonicalContentAndPinned() throws Exception {
    String expected = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(CONTENT_OF_FIRST.getBytes(StandardCharsets.UTF_8)));

    AuditRecord first = AuditChain.empty().append(Events.event(1));

    assertThat(first.hash()).isEqualTo(expected).isEqualTo(HASH_OF_FIRST);
  }

  @Test
  void givenSeveralEvents_append_linksEachToThePreviousWithConsecutiveSequences() {
    AuditChain chain = AuditChain.empty();

    AuditRecord one = chain.append(Events.event(1));
    AuditRecord two = chain.append(Events.event(2));

    assertThat(one.sequence()).isEqualTo(1);
    assertThat(one.previousHash()).isEqualTo(AuditChain.GENESIS_HASH);
    assertThat(two.sequence()).isEqualTo(2);
    assertThat(two.previousHash()).isEqualTo(one.hash());
    assertThat(chain.headHash()).isEqualTo(two.hash());
  }

  @Test
  void givenResumedChain_append_continuesFromTheRecoveredHead() {
    AuditChain original = AuditChain.empty();
    original.append(Events.event(1));
    AuditRecord second = original.append(Events.event(2));
    AuditChain resumed = AuditChain.resumeAt(1, AuditChain.link(Events.event(1), 1, AuditChain.GENESIS_HASH).hash());

    assertThat(resumed.append(Events.event(2))).isEqualTo(second);
  }

  @Test
  void givenRecord_line_isContentPlusHashInCanonicalOrder() {
    AuditRecord first = AuditChain.empty().append(Events.event(1));

    String line = AuditRecordForm.line(first);

    assertThat(line).contains("\"eventType\":\"tool.run_simulation\",\"hash\":\"" + first.hash() + "\",\"identity\"");
    assertThat(line).doesNotContain("jobId").doesNotContain("null").doesNotContain(" ");
  }

  @Test
  void givenEditedField_hash_changes() {
    AuditEvent original = Events.event(1);
    AuditEvent edited = new AuditEvent(original.eventId(), original.timestamp(), original.eventType(), original.correlationId(),
        original.identity(), original.summary(), original.requestSha256(), original.responseSha256(), "failed",
        original.durationMillis(), original.jobId());

    assertThat(AuditChain.hashOf(edited, 1, AuditChain.GENESIS_HASH))
        .isNotEqualTo(AuditChain.hashOf(original, 1, AuditChain.GENESIS_HASH));
  }
}
