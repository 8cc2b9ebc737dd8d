package io.mcpbridge.audit.local;

import io.mcpbridge.core.audit.AuditLines;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.audit.AuditChain;
import io.mcpbridge.core.audit.AuditRecordForm;
import io.mcpbridge.core.audit.ChainFailure;
import io.mcpbridge.core.audit.ChainFailure.Reason;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.testkit.AuditEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tampering with real trail files: each kind of damage is detected and located by file and line.
 * The trail: 4 records on 2026-03-01 and 6 on 2026-03-02, a checkpoint every 4 events, closed cleanly.
 */
class LocalAuditTamperTest {
  private static final String DAY1 = "2026/03/01.jsonl";
  private static final String DAY2 = "2026/03/02.jsonl";
  @TempDir Path dir;

  @BeforeEach
  void writeTrail() {
    LocalFileAuditSinkTest.MutableClock clock = new LocalFileAuditSinkTest.MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    LocalAuditSettings settings = new LocalAuditSettings(dir, 4, Duration.ofHours(1), Optional.empty(), true, clock);
    try (LocalFileAuditSink sink = LocalFileAuditSink.open(settings)) {
      for (int i = 0; i < 10; i++) {
        if (i == 4) {
          clock.set(Instant.parse("2026-03-02T08:00:00Z"));
        }
        sink.append(AuditEvents.toolEvent(clock.instant()));
      }
    }
  }

  private LocalVerificationReport verify() {
    return new LocalAuditVerifier(dir, LocalAuditVerifier.trustedKeysOf(dir)).verify(Optional.empty(), Optional.empty());
  }

  private ChainFailure failure() {
    LocalVerificationReport report = verify();
    assertThat(report.intact()).as("tampering must be detected").isFalse();
    return report.firstFailure().orElseThrow();
  }

  private List<String> lines(String file) throws Exception {
    return new ArrayList<>(Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8));
  }

  private void write(String file, List<String> lines) throws Exception {
    Files.writeString(dir.resolve(file), lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  @Test
  void givenUntouchedTrail_verify_isIntactAndClosedCleanly() {
    LocalVerificationReport report = verify();

    assertThat(report.intact()).isTrue();
    assertThat(report.verdict().closedCleanly()).isTrue();
    assertThat(report.verdict().recordsChecked()).isEqualTo(10);
    assertThat(report.filesChecked()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"status\":\"ok\"|\"status\":\"refused\"", "\"subject\":\"alice\"|\"subject\":\"mallory\"",
      "\"durationMillis\":42|\"durationMillis\":43", "\"tool\":\"run_simulation\"|\"tool\":\"set_parameter_value\"",
      "\"roles\":[\"operator\"]|\"roles\":[\"admin\"]", "\"eventType\":\"tool.run_simulation\"|\"eventType\":\"tool.cancel_job\"",
      "T08:00:00Z|T08:00:01Z", "\"serviceAccount\":false|\"serviceAccount\":true"})
  void givenOneFieldEdited_verify_reportsEditedAtThatLine(String edit) throws Exception {
    String[] fromTo = edit.split("\\|");
    List<String> day2 = lines(DAY2);
    assertThat(day2.get(2)).contains(fromTo[0]);
    day2.set(2, day2.get(2).replace(fromTo[0], fromTo[1]));
    write(DAY2, day2);

    ChainFailure failure = failure();

    assertThat(failure.reason()).isEqualTo(Reason.EDITED);
    assertThat(failure.position().file()).isEqualTo(DAY2);
    assertThat(failure.position().line()).isEqualTo(3);
  }

  @Test
  void givenSpacingChangedOnly_verify_reportsTheLineAsEdited() throws Exception {
    List<String> day1 = lines(DAY1);
    day1.set(1, day1.get(1).replace("\"status\":\"ok\"", "\"status\": \"ok\""));
    write(DAY1, day1);

    ChainFailure failure = failure();

    assertThat(failure.reason()).isEqualTo(Reason.EDITED);
    assertThat(failure.position()).hasToString(DAY1 + ":2");
  }

  @Test
  void givenLineDeleted_verify_reportsBrokenChainAtTheNextLine() throws Exception {
    List<String> day1 = lines(DAY1);
    day1.remove(1);
    write(DAY1, day1);

    ChainFailure failure = failure();

    assertThat(failure.reason()).isEqualTo(Reason.CHAIN_BROKEN);
    assertThat(failure.position()).hasToString(DAY1 + ":2");
    assertThat(failure.sequence()).isEqualTo(3);
  }

  @Test
  void givenTwoLinesSwapped_verify_reportsBrokenChainAtTheFirstSwappedLine() throws Exception {
    List<String> day2 = lines(DAY2);
    String third = day2.get(2);
    day2.set(2, day2.get(3));
    day2.set(3, third);
    write(DAY2, day2);

    ChainFailure failure = failure();

    assertThat(failure.reason()).isEqualTo(Reason.CHAIN_BROKEN);
    assertThat(failure.position()).hasToString(DAY2 + ":3");
  }

  @Test
  void givenFirstLineOfSecondDayDeleted_verify_reportsTheBreakAcrossFiles() throws Exception {
    List<String> day2 = lines(DAY2);
    day2.remove(0);
    write(DAY2, day2);

    ChainFailure failure = failure();

    assertThat(failure.reason()).isEqualTo(Reason.CHAIN_BROKEN);
    assertThat(failure.position()).hasToString(DAY2 + ":1");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 6})
  void givenLastRecordsRemoved_verify_reportsTruncationAtTheNewLastLine(int removed) throws Exception {
    List<String> all = new ArrayList<>(lines(DAY1));
    all.addAll(lines(DAY2));
    List<String> kept = all.subList(0, all.size() - removed);
    write(DAY1, kept.subList(0, Math.min(4, kept.size())));
    write(DAY2, kept.size() > 4 ? kept.subList(4, kept.size()) : List.of());

    ChainFailure failure = failure();

    assertThat(failure.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(failure.sequence()).isEqualTo(10);
    assertThat(failure.detail()).contains("the last " + removed + " record(s) were removed");
    assertThat(failure.position().line()).isEqualTo(kept.size() > 4 ? kept.size() - 4 : 4);
  }

  @Test
  void givenLastRecordsAndTheirCheckpointsRemoved_verify_reportsRecordsAfterTheCloseAsUnanchored() throws Exception {
    List<String> day2 = lines(DAY2);
    write(DAY2, day2.subList(0, 3));
    List<String> checkpoints = lines("2026/03/02.checkpoints.jsonl");
    write("2026/03/02.checkpoints.jsonl", checkpoints.stream().filter(c -> c.contains("\"sequence\":4,")).toList());

    LocalVerificationReport report = verify();

    // Without any checkpoint past sequence 4, the remaining tail cannot be told apart from a crash:
    // it is reported as unanchored and not closed cleanly (anchoring checkpoints elsewhere closes this gap).
    assertThat(report.intact()).isTrue();
    assertThat(report.verdict().closedCleanly()).isFalse();
    assertThat(report.verdict().unanchoredRecords()).isEqualTo(3);
  }

  @Test
  void givenForgedEventInsertedWithRecomputedHashes_verify_reportsTheCheckpointMismatch() throws Exception {
    List<String> all = new ArrayList<>(lines(DAY1));
    all.addAll(lines(DAY2));
    List<AuditEvent> events = new ArrayList<>();
    for (String line : all) {
      events.add(AuditLines.record(line).event());
    }
    events.add(5, AuditEvents.event("tool.set_parameter_value", "forged", Instant.parse("2026-03-02T08:00:00Z")));
    AuditChain forged = AuditChain.empty();
    List<String> rewritten = new ArrayList<>();
    for (AuditEvent e : events) {
      rewritten.add(AuditRecordForm.line(forged.append(e)));
    }
    write(DAY1, rewritten.subList(0, 4));
    write(DAY2, rewritten.subList(4, rewritten.size()));

    ChainFailure failure = failure();

    assertThat(failure.reason()).isEqualTo(Reason.CHECKPOINT_MISMATCH);
    assertThat(failure.sequence()).isEqualTo(8);
    assertThat(failure.position()).hasToString(DAY2 + ":4");
    assertThat(failure.detail()).contains("after sequence 4").contains("2026/03/02.checkpoints.jsonl:");
  }

  @Test
  void givenForgedEventAppendedAfterTheCleanClose_verify_reportsAppendAfterClose() throws Exception {
    List<String> day2 = lines(DAY2);
    AuditRecord last = AuditLines.record(day2.get(day2.size() - 1));
    day2.add(AuditRecordForm.line(AuditChain.link(AuditEvents.toolEvent(Instant.parse("2026-03-02T09:00:00Z")), 11, last.hash())));
    write(DAY2, day2);

    ChainFailure failure = failure();

    assertThat(failure.reason()).isEqualTo(Reason.APPENDED_AFTER_CLOSE);
    assertThat(failure.position()).hasToString(DAY2 + ":7");
  }

  @Test
  void givenCheckpointForgedToCoverTruncation_verify_reportsInvalidSignature() throws Exception {
    write(DAY2, lines(DAY2).subList(0, 2));
    List<String> checkpoints = lines("2026/03/02.checkpoints.jsonl");
    String close = checkpoints.get(checkpoints.size() - 1);
    assertThat(close).contains("\"kind\":\"close\",\"sequence\":10");
    String headOfSix = AuditLines.record(lines(DAY2).get(1)).hash();
    checkpoints = List.of(close.replace("\"sequence\":10", "\"sequence\":6").replaceAll("\"headHash\":\"[0-9a-f]{64}\"", "\"headHash\":\"" + headOfSix + "\""));
    write("2026/03/02.checkpoints.jsonl", checkpoints);

    ChainFailure failure = failure();

    assertThat(failure.reason()).isEqualTo(Reason.SIGNATURE_INVALID);
    assertThat(failure.position().file()).isEqualTo("2026/03/02.checkpoints.jsonl");
    assertThat(failure.position().line()).isEqualTo(checkpoints.size());
  }

  @Test
  void givenGarbageLine_verify_reportsItUnreadable() throws Exception {
    List<String> day1 = lines(DAY1);
    day1.set(2, "not json at all");
    write(DAY1, day1);

    ChainFailure failure = failure();

    assertThat(failure.reason()).isEqualTo(Reason.UNREADABLE);
    assertThat(failure.position()).hasToString(DAY1 + ":3");
  }

  @Test
  void givenRangeOfTheSecondDayOnly_verify_checksItWithoutTheFirst() throws Exception {
    write(DAY1, List.of("damaged outside the range"));

    LocalVerificationReport report = new LocalAuditVerifier(dir, LocalAuditVerifier.trustedKeysOf(dir))
        .verify(Optional.of(LocalDate.parse("2026-03-02")), Optional.empty());

    assertThat(report.intact()).isTrue();
    assertThat(report.verdict().recordsChecked()).isEqualTo(6);
    assertThat(report.verdict().closedCleanly()).isTrue();
  }

  @Test
  void givenKeysFromAnotherTrail_verify_rejectsEveryCheckpoint() {
    Path other = dir.resolveSibling(dir.getFileName() + "-other");
    LocalFileAuditSink.open(new LocalAuditSettings(other, 10, Duration.ofHours(1), Optional.empty(), true, Clock.systemUTC())).close();

    LocalVerificationReport report = new LocalAuditVerifier(dir, LocalAuditVerifier.trustedKeysOf(other))
        .verify(Optional.empty(), Optional.empty());

    assertThat(report.firstFailure()).get().extracting(ChainFailure::reason).isEqualTo(Reason.SIGNATURE_INVALID);
  }
}
