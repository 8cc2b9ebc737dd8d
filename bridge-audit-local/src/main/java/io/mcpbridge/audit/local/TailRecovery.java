package io.mcpbridge.audit.local;

import io.mcpbridge.core.audit.AuditLines;

import io.mcpbridge.core.audit.AuditChain;
import io.mcpbridge.core.model.AuditRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Finds the head of the chain after a start or a failure: the last complete, readable record of
 * the newest non-empty record file. Bytes after the last newline (a write cut short by a crash)
 * are reported as a torn tail, never chained over and never silently dropped.
 */
final class TailRecovery {
  private final TrailLayout layout;

  TailRecovery(TrailLayout layout) {
    this.layout = layout;
  }

  /** The head, and the torn tail if the newest file has one. */
  record Result(AuditChain chain, Optional<TornTail> torn) {}

  /** Bytes after the last complete line of a file. */
  record TornTail(Path file, long offset, byte[] bytes) {}

  Result recover() throws IOException {
    Optional<TornTail> torn = Optional.empty();
    List<TrailLayout.DayFile> files = layout.eventFiles();
    for (int i = files.size() - 1; i >= 0; i--) {
      Path file = files.get(i).path();
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        long size = ch.size();
        long end = lastNewlineEnd(ch, size);
        if (torn.isEmpty() && end < size) {
          torn = Optional.of(new TornTail(file, end, read(ch, end, (int) Math.min(size - end, Integer.MAX_VALUE))));
        }
        if (end > 0) {
          long start = lastNewlineEnd(ch, end - 1);
          String line = new String(read(ch, start, (int) (end - 1 - start)), StandardCharsets.UTF_8);
          AuditRecord last = AuditLines.record(line);
          return new Result(AuditChain.resumeAt(last.sequence(), last.hash()), torn);
        }
      }
    }
    return new Result(AuditChain.empty(), torn);
  }

  /** The torn tail of the newest checkpoint file, if its last line is incomplete. */
  Optional<TornTail> tornCheckpointTail() throws IOException {
    List<TrailLayout.DayFile> files = layout.checkpointFiles();
    if (files.isEmpty()) {
      return Optional.empty();
    }
    Path file = files.get(files.size() - 1).path();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long end = lastNewlineEnd(ch, size);
      return end < size ? Optional.of(new TornTail(file, end, read(ch, end, (int) (size - end)))) : Optional.empty();
    }
  }

  /** Offset just after the last '\n' before {@code limit}, or 0. */
  private static long lastNewlineEnd(FileChannel ch, long limit) throws IOException {
    long pos = limit;
    ByteBuffer buf = ByteBuffer.allocate(8192);
    while (pos > 0) {
      int len = (int) Math.min(buf.capacity(), pos);
      buf.clear().limit(len);
      long from = pos - len;
      while (buf.hasRemaining()) {
        if (ch.read(buf, from + buf.position()) < 0) {
          break;
        }
      }
      for (int i = len - 1; i >= 0; i--) {
        if (buf.get(i) == '\n') {
          return from + i + 1;
        }
      }
      pos = from;
    }
    return 0;
  }

  private static byte[] read(FileChannel ch, long from, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      if (ch.read(buf, from + buf.position()) < 0) {
        break;
      }
    }
    return buf.array();
  }
}
