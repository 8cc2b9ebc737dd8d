package io.mcpbridge.audit.s3;

import io.mcpbridge.core.audit.AuditCheckpoint;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object keys of a trail, relative to its prefix. Zero-padded numbers make the lexicographic order
 * of keys (the order S3 lists them in) the chain order:
 *
 * <ul>
 *   <li>{@code YYYY/MM/DD/records/FIRST-LAST.jsonl}: one batch, records FIRST..LAST written that UTC day;
 *   <li>{@code YYYY/MM/DD/checkpoints/SEQUENCE-EPOCHMILLIS-KIND.json}: one signed checkpoint;
 *   <li>{@code keys/FINGERPRINT.pub}: a checkpoint public key used by the writer.
 * </ul>
 */
final class TrailKeys {
  static final String RECORDS = "records/";
  static final String CHECKPOINTS = "checkpoints/";
  static final String KEYS = "keys/";
  private static final Pattern RECORDS_KEY = Pattern.compile("(\\d{4})/(\\d{2})/(\\d{2})/records/(\\d{20})-(\\d{20})\\.jsonl");
  private static final Pattern CHECKPOINT_KEY = Pattern.compile("(\\d{4})/(\\d{2})/(\\d{2})/checkpoints/(\\d{20})-(\\d{13})-([a-z]+)\\.json");
  private static final Pattern DAY = Pattern.compile("(\\d{4})/(\\d{2})/(\\d{2})/");

  private TrailKeys() {}

  /** {@code YYYY/MM/DD/}. */
  static String day(LocalDate day) {
    return String.format("%04d/%02d/%02d/", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
  }

  static String records(LocalDate day, long first, long last) {
    return day(day) + RECORDS + String.format("%020d-%020d.jsonl", first, last);
  }

  /** A key that sorts after every batch of the day whose first sequence is at most {@code sequence}. */
  static String afterBatchesStartingBy(LocalDate day, long sequence) {
    return day(day) + RECORDS + String.format("%020d-~", sequence);
  }

  static String checkpoint(LocalDate day, AuditCheckpoint cp) {
    return day(day) + CHECKPOINTS
        + String.format("%020d-%013d-%s.json", cp.sequence(), cp.time().toEpochMilli(), cp.kind().wireName());
  }

  static String publicKey(String fingerprint) {
    return KEYS + fingerprint + ".pub";
  }

  /** The day of a {@code YYYY/MM/DD/} prefix. */
  static Optional<LocalDate> dayOf(String dayPrefix) {
    Matcher m = DAY.matcher(dayPrefix);
    return m.matches() ? date(m.group(1), m.group(2), m.group(3)) : Optional.empty();
  }

  /** A records key, parsed. */
  record Batch(LocalDate day, long first, long last) {}

  static Optional<Batch> batch(String relativeKey) {
    Matcher m = RECORDS_KEY.matcher(relativeKey);
    if (!m.matches()) {
      return Optional.empty();
    }
    return date(m.group(1), m.group(2), m.group(3))
        .map(d -> new Batch(d, Long.parseLong(m.group(4)), Long.parseLong(m.group(5))));
  }

  /** True for a checkpoint key. */
  static boolean isCheckpoint(String relativeKey) {
    return CHECKPOINT_KEY.matcher(relativeKey).matches();
  }

  private static Optional<LocalDate> date(String y, String mo, String d) {
    try {
      return Optional.of(LocalDate.of(Integer.parseInt(y), Integer.parseInt(mo), Integer.parseInt(d)));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
