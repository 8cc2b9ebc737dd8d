package io.mcpbridge.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.audit.AuditCheckpoint.Kind;
import io.mcpbridge.core.audit.ChainFailure.Reason;
import io.mcpbridge.core.model.AuditRecord;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainVerifierTest {
  private static final KeyPair KEYS = AuditSigningKeys.generate();
  private static final CheckpointSigner SIGNER = new CheckpointSigner(KEYS.getPrivate());
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private static List<AuditRecord> chain(int n) {
    AuditChain chain = AuditChain.empty();
    List<AuditRecord> records = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      records.add(chain.append(Events.event(i)));
    }
    return records;
  }

  private static SignedCheckpoint checkpointAt(AuditRecord record, Kind kind) {
    return SIGNER.sign(new AuditCheckpoint(record.sequence(), record.hash(), NOW, kind));
  }

  private static TrailPosition at(long line) {
    return new TrailPosition("2026/03/01.jsonl", line);
  }

  private static ChainVerdict verify(List<AuditRecord> records, SignedCheckpoint... checkpoints) {
    AuditChainVerifier verifier = AuditChainVerifier.fromGenesis(List.of(KEYS.getPublic()));
    List<SignedCheckpoint> pending = new ArrayList<>(List.of(checkpoints));
    for (int i = 0; i < records.size(); i++) {
      verifier.record(records.get(i), at(i + 1));
      long seq = records.get(i).sequence();
      while (!pending.isEmpty() && pending.get(0).checkpoint().sequence() <= seq) {
        verifier.checkpoint(pending.remove(0), new TrailPosition("2026/03/01.checkpoints.jsonl", 1));
      }
    }
    pending.forEach(c -> verifier.checkpoint(c, new TrailPosition("2026/03/01.checkpoints.jsonl", 1)));
    return verifier.finish(true);
  }

  @Test
  void givenIntactClosedChain_verify_isIntactAndClean() {
    List<AuditRecord> records = chain(5);

    ChainVerdict verdict = verify(records, checkpointAt(records.get(4), Kind.CLOSE));

    assertThat(verdict.intact()).isTrue();
    assertThat(verdict.closedCleanly()).isTrue();
    assertThat(verdict.unanchoredRecords()).isZero();
    assertThat(verdict.recordsChecked()).isEqualTo(5);
  }

  @Test
  void givenRecordsAfterLastCheckpoint_verify_isIntactButReportsUnanchoredTail() {
    List<AuditRecord> records = chain(5);

    ChainVerdict verdict = verify(records, checkpointAt(records.get(2), Kind.PERIODIC));

    assertThat(verdict.intact()).isTrue();
    assertThat(verdict.closedCleanly()).isFalse();
    assertThat(verdict.unanchoredRecords()).isEqualTo(2);
    assertThat(verdict.notes()).anySatisfy(n -> assertThat(n).contains("not anchored"));
  }

  @Test
  void givenEditedRecord_verify_reportsEditedAtItsLine() {
    List<AuditRecord> records = new ArrayList<>(chain(5));
    AuditRecord third = records.get(2);
    records.set(2, new AuditRecord(Events.event(99), third.sequence(), third.previousHash(), third.hash()));

    ChainVerdict verdict = verify(records);

    assertThat(verdict.failure()).get().satisfies(f -> {
      assertThat(f.reason()).isEqualTo(Reason.EDITED);
      assertThat(f.position().line()).isEqualTo(3);
    });
  }

  @Test
  void givenDeletedRecord_verify_reportsBrokenChainAtTheFollowingLine() {
    List<AuditRecord> records = new ArrayList<>(chain(5));
    records.remove(1);

    ChainVerdict verdict = verify(records);

    assertThat(verdict.failure()).get().satisfies(f -> {
      assertThat(f.reason()).isEqualTo(Reason.CHAIN_BROKEN);
      assertThat(f.position().line()).isEqualTo(2);
      assertThat(f.sequence()).isEqualTo(3);
    });
  }

  @Test
  void givenRecordWithSkippedSequenceButValidLink_verify_reportsSequenceGap() {
    List<AuditRecord> records = new ArrayList<>(chain(2));
    records.add(AuditChain.link(Events.event(3), 7, records.get(1).hash()));

    ChainVerdict verdict = verify(records);

    assertThat(verdict.failure()).get().extracting(ChainFailure::reason).isEqualTo(Reason.SEQUENCE_GAP);
  }

  @Test
  void givenCheckpointBeyondTheLastRecord_verify_reportsTruncation() {
    List<AuditRecord> records = chain(5);
    SignedCheckpoint close = checkpointAt(records.get(4), Kind.CLOSE);

    ChainVerdict verdict = verify(records.subList(0, 3), close);

    assertThat(verdict.failure()).get().satisfies(f -> {
      assertThat(f.reason()).isEqualTo(Reason.TRUNCATED);
      assertThat(f.detail()).contains("2 record(s) were removed");
      assertThat(f.position().line()).isEqualTo(3);
    });
  }

  @Test
  void givenRewrittenChainWithRecomputedHashes_verify_reportsCheckpointMismatch() {
    List<AuditRecord> original = chain(4);
    SignedCheckpoint signed = checkpointAt(original.get(3), Kind.PERIODIC);
    AuditChain forged = AuditChain.empty();
    List<AuditRecord> rewritten = new ArrayList<>();
    rewritten.add(forged.append(Events.event(1)));
    rewritten.add(forged.append(Events.event(66)));
    rewritten.add(forged.append(Events.event(2)));
    rewritten.add(forged.append(Events.event(3)));

    ChainVerdict verdict = verify(rewritten, signed);

    assertThat(verdict.failure()).get().satisfies(f -> {
      assertThat(f.reason()).isEqualTo(Reason.CHECKPOINT_MISMATCH);
      assertThat(f.position().line()).isEqualTo(4);
    });
  }

  @Test
  void givenCheckpointSignedByAnotherKey_verify_reportsInvalidSignature() {
    List<AuditRecord> records = chain(3);
    CheckpointSigner intruder = new CheckpointSigner(AuditSigningKeys.generate().getPrivate());
    SignedCheckpoint forged = intruder.sign(new AuditCheckpoint(3, records.get(2).hash(), NOW, Kind.CLOSE));

    ChainVerdict verdict = verify(records, forged);

    assertThat(verdict.failure()).get().extracting(ChainFailure::reason).isEqualTo(Reason.SIGNATURE_INVALID);
  }

  @Test
  void givenCheckpointWithAlteredSequence_verify_reportsInvalidSignature() {
    List<AuditRecord> records = chain(3);
    SignedCheckpoint genuine = checkpointAt(records.get(2), Kind.CLOSE);
    SignedCheckpoint altered = new SignedCheckpoint(
        new AuditCheckpoint(2, records.get(1).hash(), NOW, Kind.CLOSE), genuine.signature());

    ChainVerdict verdict = verify(records, altered);

    assertThat(verdict.failure()).get().extracting(ChainFailure::reason).isEqualTo(Reason.SIGNATURE_INVALID);
  }

  @Test
  void givenRecordAfterCleanCloseWithoutReopen_verify_reportsForeignAppend() {
    List<AuditRecord> records = chain(4);

    ChainVerdict verdict = verify(records, checkpointAt(records.get(2), Kind.CLOSE));

    assertThat(verdict.failure()).get().satisfies(f -> {
      assertThat(f.reason()).isEqualTo(Reason.APPENDED_AFTER_CLOSE);
      assertThat(f.sequence()).isEqualTo(4);
    });
  }

  @Test
  void givenCloseThenReopenThenMoreRecords_verify_isIntact() {
    List<AuditRecord> records = chain(4);

    ChainVerdict verdict = verify(records, checkpointAt(records.get(2), Kind.CLOSE),
        checkpointAt(records.get(2), Kind.OPEN), checkpointAt(records.get(3), Kind.CLOSE));

    assertThat(verdict.intact()).isTrue();
    assertThat(verdict.closedCleanly()).isTrue();
    assertThat(verdict.checkpointsChecked()).isEqualTo(3);
  }

  @Test
  void givenRangeStartingMidChain_verify_trustsOnlyTheFirstLink() {
    List<AuditRecord> records = chain(6);
    AuditChainVerifier verifier = AuditChainVerifier.fromAnyRecord(List.of(KEYS.getPublic()));
    verifier.checkpoint(checkpointAt(records.get(1), Kind.PERIODIC), at(1));
    for (int i = 3; i < 6; i++) {
      verifier.record(records.get(i), at(i));
    }

    ChainVerdict verdict = verifier.finish(true);

    assertThat(verdict.intact()).isTrue();
    assertThat(verdict.firstSequence()).isEqualTo(4);
    assertThat(verdict.notes()).anySatisfy(n -> assertThat(n).contains("before sequence 4 were not checked"));
  }

  @Test
  void givenChainStartingMidwayWithoutRangeMode_verify_reportsBrokenLinkToGenesis() {
    List<AuditRecord> records = chain(3);

    ChainVerdict verdict = verify(records.subList(1, 3));

    assertThat(verdict.failure()).get().extracting(ChainFailure::reason).isEqualTo(Reason.CHAIN_BROKEN);
  }

  @Test
  void givenRotatedKeys_verify_acceptsCheckpointsOfEveryTrustedKey() {
    List<AuditRecord> records = chain(2);
    KeyPair newer = AuditSigningKeys.generate();
    AuditChainVerifier verifier = AuditChainVerifier.fromGenesis(List.of(KEYS.getPublic(), newer.getPublic()));
    verifier.record(records.get(0), at(1));
    verifier.checkpoint(checkpointAt(records.get(0), Kind.CLOSE), at(1));
    verifier.checkpoint(new CheckpointSigner(newer.getPrivate()).sign(new AuditCheckpoint(1, records.get(0).hash(), NOW, Kind.OPEN)), at(2));
    verifier.record(records.get(1), at(2));

    ChainVerdict verdict = verifier.finish(true);

    assertThat(verdict.intact()).isTrue();
    assertThat(verdict.checkpointsChecked()).isEqualTo(2);
  }
}
