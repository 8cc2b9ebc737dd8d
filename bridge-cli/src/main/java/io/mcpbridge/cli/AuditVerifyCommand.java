package io.mcpbridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.audit.local.LocalAuditVerifier;
import io.mcpbridge.audit.local.LocalVerificationReport;
import io.mcpbridge.audit.s3.S3AuditSettings;
import io.mcpbridge.audit.s3.S3AuditVerifier;
import io.mcpbridge.audit.s3.S3Location;
import io.mcpbridge.audit.s3.S3VerificationReport;
import io.mcpbridge.core.audit.ChainFailure;
import io.mcpbridge.core.audit.ChainVerdict;
import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.config.AuditSettings;
import io.mcpbridge.core.error.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bridge audit verify}: checks a trail and names the first failing event. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify the audit trail: every hash, every link across files, every signed checkpoint,",
        "and that nothing attested by a checkpoint is missing.",
        "For s3:// trails also that every object carries the expected Object Lock mode and retention.",
        "Exit code 0 when intact, 1 when damaged (the first failing file:line or object key and reason are printed)."})
final class AuditVerifyCommand implements Callable<Integer> {
  enum Format { text, json }

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH",
      description = "Trail directory (default: AUDIT_STORAGE_PATH), or s3://bucket/prefix (uses AUDIT_S3_REGION, AUDIT_S3_ENDPOINT, "
          + "AUDIT_S3_OBJECT_LOCK_MODE and AUDIT_S3_OBJECT_LOCK_DAYS; credentials from the AWS default chain).")
  String path;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day to check (UTC).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day to check (UTC).")
  LocalDate to;

  @Option(names = "--lookback", description = "Check the last AUDIT_VERIFY_LOOKBACK_DAYS days.")
  boolean lookback;

  @Option(names = "--public-key", paramLabel = "FILE",
      description = "Trusted checkpoint public keys, one base64 X.509 key per line (default: PATH/audit-signing.pub, "
          + "or the keys published under s3://…/keys/).")
  Path publicKeyFile;

  @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    AuditSettings audit = AppConfig.load(ProcessConfigSource.fromProcess()).config().audit();
    Optional<LocalDate> first = Optional.ofNullable(from);
    if (lookback) {
      first = Optional.of(LocalDate.now(ZoneOffset.UTC).minusDays(audit.verifyLookbackDays() - 1L));
    }
    if (path != null && path.startsWith("s3://")) {
      return verifyS3(S3Location.parse(path), audit, first, out);
    }
    Path root = path != null ? Path.of(path) : audit.storagePath();
    List<PublicKey> keys = publicKeyFile != null ? LocalAuditVerifier.readKeys(publicKeyFile) : LocalAuditVerifier.trustedKeysOf(root);
    LocalVerificationReport report = new LocalAuditVerifier(root, keys).verify(first, Optional.ofNullable(to));
    if (format == Format.json) {
      out.println(json(report));
    } else {
      text(report, out);
    }
    out.flush();
    return report.intact() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private int verifyS3(S3Location location, AuditSettings audit, Optional<LocalDate> first, PrintWriter out) throws Exception {
    S3AuditSettings settings = S3AuditSettings.forVerification(location, audit, Clock.systemUTC());
    S3VerificationReport report;
    try (S3AuditVerifier verifier = S3AuditVerifier.connect(settings)) {
      List<PublicKey> keys = publicKeyFile != null ? LocalAuditVerifier.readKeys(publicKeyFile) : verifier.publishedKeys();
      if (keys.isEmpty()) {
        throw new InvalidInputException("no checkpoint public key is published under " + location.key("keys/")
            + "; pass --public-key FILE");
      }
      report = verifier.verify(first, Optional.ofNullable(to), keys);
    }
    if (format == Format.json) {
      out.println(S3VerifyOutput.json(report));
    } else {
      S3VerifyOutput.text(report, settings, out);
    }
    out.flush();
    return report.intact() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static void text(LocalVerificationReport report, PrintWriter out) {
    ChainVerdict v = report.verdict();
    out.println("Audit trail " + report.root());
    out.printf("  records checked:     %d (sequence %d to %d) in %d file(s)%n", v.recordsChecked(), v.firstSequence(),
        v.lastSequence(), report.filesChecked());
    out.printf("  checkpoints checked: %d%n", v.checkpointsChecked());
    out.printf("  closed cleanly:      %s%n", v.closedCleanly() ? "yes" : "no");
    v.notes().forEach(n -> out.println("  note: " + n));
    if (report.intact()) {
      out.println("INTACT");
    } else {
      ChainFailure f = v.failure().orElseThrow();
      out.println("FAILED at " + f.position() + " (" + f.reason() + "): " + f.detail());
    }
  }

  private static String json(LocalVerificationReport report) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ChainVerdict v = report.verdict();
    ObjectNode root = mapper.createObjectNode();
    root.put("intact", report.intact());
    root.put("path", report.root().toString());
    root.put("recordsChecked", v.recordsChecked());
    root.put("firstSequence", v.firstSequence());
    root.put("lastSequence", v.lastSequence());
    root.put("headHash", v.headHash());
    root.put("checkpointsChecked", v.checkpointsChecked());
    root.put("closedCleanly", v.closedCleanly());
    root.put("unanchoredRecords", v.unanchoredRecords());
    v.notes().forEach(root.putArray("notes")::add);
    report.tornFiles().forEach(root.putArray("tornFiles")::add);
    v.failure().ifPresent(f -> {
      ObjectNode failure = root.putObject("failure");
      failure.put("file", f.position().file());
      failure.put("line", f.position().line());
      failure.put("sequence", f.sequence());
      failure.put("reason", f.reason().name());
      failure.put("detail", f.detail());
    });
    return mapper.writeValueAsString(root);
  }
}
