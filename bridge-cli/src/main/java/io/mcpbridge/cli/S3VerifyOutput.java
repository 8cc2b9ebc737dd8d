package io.mcpbridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.audit.s3.S3AuditSettings;
import io.mcpbridge.audit.s3.S3VerificationReport;
import io.mcpbridge.core.audit.ChainVerdict;
import java.io.PrintWriter;

/** How {@code bridge audit verify s3://…} prints its report. */
final class S3VerifyOutput {
  private S3VerifyOutput() {}

  static void text(S3VerificationReport report, S3AuditSettings settings, PrintWriter out) {
    ChainVerdict v = report.verdict();
    out.println("Audit trail " + report.location() + " (expecting " + settings.lockMode() + " lock, "
        + settings.lockDays() + " days)");
    out.printf("  records checked:     %d (sequence %d to %d) in %d object(s) over %d day(s)%n", v.recordsChecked(),
        v.firstSequence(), v.lastSequence(), report.objectsChecked(), report.daysChecked());
    out.printf("  checkpoints checked: %d%n", v.checkpointsChecked());
    out.printf("  closed cleanly:      %s%n", v.closedCleanly() ? "yes" : "no");
    v.notes().forEach(n -> out.println("  note: " + n));
    report.firstFailure().ifPresentOrElse(f -> out.println("FAILED at " + f.describe()), () -> out.println("INTACT"));
  }

  static String json(S3VerificationReport report) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ChainVerdict v = report.verdict();
    ObjectNode root = mapper.createObjectNode();
    root.put("intact", report.intact());
    root.put("location", report.location());
    root.put("recordsChecked", v.recordsChecked());
    root.put("firstSequence", v.firstSequence());
    root.put("lastSequence", v.lastSequence());
    root.put("headHash", v.headHash());
    root.put("checkpointsChecked", v.checkpointsChecked());
    root.put("objectsChecked", report.objectsChecked());
    root.put("daysChecked", report.daysChecked());
    root.put("closedCleanly", v.closedCleanly());
    root.put("unanchoredRecords", v.unanchoredRecords());
    v.notes().forEach(root.putArray("notes")::add);
    report.firstFailure().ifPresent(f -> {
      ObjectNode failure = root.putObject("failure");
      failure.put("key", f.key());
      failure.put("line", f.line());
      failure.put("reason", f.reason());
      failure.put("detail", f.detail());
    });
    return mapper.writeValueAsString(root);
  }
}
