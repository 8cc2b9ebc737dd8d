package io.mcpbridge.audit.local;

import io.mcpbridge.core.audit.SignedCheckpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;

/**
 * Appends lines to the day files and makes them durable: every write is followed by
 * {@link FileChannel#force}, and creating a file or directory also syncs its parent directory so the
 * new entry survives a crash. Confined to the sink's writer thread.
 */
final class TrailWriter implements AutoCloseable {
  private final TrailLayout layout;
  private LocalDate day;
  private FileChannel events;
  private FileChannel checkpoints;

  /** A writer that never goes back before the newest existing day file. */
  TrailWriter(TrailLayout layout) {
    this.layout = layout;
    java.util.List<TrailLayout.DayFile> existing = layout.eventFiles();
    this.day = existing.isEmpty() ? null : existing.get(existing.size() - 1).day();
  }

  /** Appends record lines (each ending in a newline) to the current day file and forces them. */
  void appendRecords(LocalDate today, byte[] lines) throws IOException {
    switchTo(today);
    if (events == null) {
      events = open(layout.eventsFile(day));
    } else if (!Files.exists(layout.eventsFile(day))) {
      // Writing on would put acknowledged records into an unlinked file, lost on close.
      throw new IOException("the record file " + layout.display(layout.eventsFile(day)) + " vanished");
    }
    writeFully(events, lines);
    events.force(false);
  }

  /** Appends a checkpoint to the current day's checkpoint file and forces it. */
  void appendCheckpoint(LocalDate today, SignedCheckpoint checkpoint) throws IOException {
    switchTo(today);
    if (checkpoints == null) {
      checkpoints = open(layout.checkpointsFile(day));
    }
    writeFully(checkpoints, (checkpoint.line() + "\n").getBytes(StandardCharsets.UTF_8));
    checkpoints.force(false);
  }

  /** Moves torn bytes aside: appends them to the .torn file, then cuts them off the record file. */
  void setAside(TailRecovery.TornTail torn) throws IOException {
    Path aside = layout.tornFile(torn.file());
    boolean created = !Files.exists(aside);
    try (FileChannel ch = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      writeFully(ch, torn.bytes());
      writeFully(ch, new byte[] {'\n'});
      ch.force(true);
    }
    if (created) {
      syncDirectory(aside.getParent());
    }
    try (FileChannel ch = FileChannel.open(torn.file(), StandardOpenOption.WRITE)) {
      ch.truncate(torn.offset());
      ch.force(true);
    }
  }

  private void switchTo(LocalDate next) throws IOException {
    // Days only move forward, so a clock stepping back never reorders files.
    if (day != null && !next.isAfter(day)) {
      return;
    }
    closeChannels();
    day = next;
  }

  private FileChannel open(Path file) throws IOException {
    createDirectories(file.getParent());
    boolean created = !Files.exists(file);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    if (created) {
      syncDirectory(file.getParent());
    }
    return ch;
  }

  private void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    createDirectories(dir.getParent());
    Files.createDirectory(dir);
    syncDirectory(dir.getParent());
  }

  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open directories; the data itself is still forced.
      if (Files.isDirectory(dir) && e.getMessage() != null && e.getMessage().contains("Is a directory")) {
        return;
      }
      throw e;
    }
  }

  private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  private void closeChannels() throws IOException {
    try {
      if (events != null) {
        events.close();
      }
    } finally {
      events = null;
      if (checkpoints != null) {
        checkpoints.close();
      }
      checkpoints = null;
    }
  }

  /** Drops the open files so the next write reopens them (after a failure). */
  void reset() {
    try {
      closeChannels();
    } catch (IOException e) {
      // Already failing; reopening is what matters.
    }
  }

  @Override
  public void close() throws IOException {
    closeChannels();
  }
}
