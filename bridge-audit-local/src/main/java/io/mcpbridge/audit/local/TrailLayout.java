package io.mcpbridge.audit.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where things live in a local trail: {@code YYYY/MM/DD.jsonl} (records of that UTC day, one
 * continuous chain across days), {@code YYYY/MM/DD.checkpoints.jsonl} (signed checkpoints taken that
 * day), {@code YYYY/MM/DD.jsonl.torn} (bytes of a torn last line set aside at recovery), and at the
 * root the writer lock and the signing key files.
 */
final class TrailLayout {
  static final String EVENTS_SUFFIX = ".jsonl";
  static final String CHECKPOINTS_SUFFIX = ".checkpoints.jsonl";
  static final String TORN_SUFFIX = ".jsonl.torn";
  private static final Pattern DAY = Pattern.compile("(\\d{4})/(\\d{2})/(\\d{2})(\\.checkpoints)?\\.jsonl");

  private final Path root;

  TrailLayout(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  Path lockFile() {
    return root.resolve("audit.lock");
  }

  Path privateKeyFile() {
    return root.resolve("audit-signing.key");
  }

  Path publicKeyFile() {
    return root.resolve("audit-signing.pub");
  }

  Path eventsFile(LocalDate day) {
    return dayBase(day).resolveSibling(dayName(day) + EVENTS_SUFFIX);
  }

  Path checkpointsFile(LocalDate day) {
    return dayBase(day).resolveSibling(dayName(day) + CHECKPOINTS_SUFFIX);
  }

  Path tornFile(Path eventsFile) {
    return eventsFile.resolveSibling(eventsFile.getFileName() + ".torn");
  }

  /** Path relative to the root with '/' separators, as shown to operators. */
  String display(Path file) {
    return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** Record files in chain order (oldest day first). */
  List<DayFile> eventFiles() {
    return dayFiles(false);
  }

  /** Checkpoint files in chain order (oldest day first). */
  List<DayFile> checkpointFiles() {
    return dayFiles(true);
  }

  /** Files of torn bytes set aside by recovery. */
  List<Path> tornFiles() {
    return list(p -> p.getFileName().toString().endsWith(TORN_SUFFIX));
  }

  private List<DayFile> dayFiles(boolean checkpoints) {
    List<DayFile> files = new ArrayList<>();
    for (Path p : list(p -> p.getFileName().toString().endsWith(EVENTS_SUFFIX))) {
      dayOf(p).filter(d -> d.checkpoints() == checkpoints).ifPresent(files::add);
    }
    files.sort(Comparator.comparing(DayFile::day));
    return files;
  }

  private Optional<DayFile> dayOf(Path file) {
    Matcher m = DAY.matcher(display(file));
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      return Optional.of(new DayFile(day, file, m.group(4) != null));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  private List<Path> list(java.util.function.Predicate<Path> filter) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root, 3)) {
      return walk.filter(Files::isRegularFile).filter(filter).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path dayBase(LocalDate day) {
    return root.resolve(String.format("%04d", day.getYear())).resolve(String.format("%02d", day.getMonthValue())).resolve("x");
  }

  private static String dayName(LocalDate day) {
    return String.format("%02d", day.getDayOfMonth());
  }

  /** A file of one day. */
  record DayFile(LocalDate day, Path path, boolean checkpoints) {}
}
