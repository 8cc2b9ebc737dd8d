package io.mcpbridge.engine.pkml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Remembers, per model file and expected SHA-256, the file's metadata at the moment its bytes were
 * read and found to have that hash, so a later run can tell from one {@code stat} that the file has
 * not been written since, instead of reading and hashing it again.
 *
 * <p>File times have a coarse granularity (a kernel tick on Linux), so a file written twice within
 * one tick can keep its size and times. As git does for its index, a file is remembered only once it
 * has settled: when its last modification or status change lies at least {@code settleMillis}
 * before the verification. A file that was just written is read and hashed on every run until it
 * has been quiet that long, so a quick rewrite is always seen.
 */
final class VerifiedFiles {
  private static final int CAPACITY = 1024;

  /** What {@code stat} tells about a file; equal stamps mean the file was not written in between. */
  record Stamp(long size, FileTime modified, Object fileKey, Object changed) {
    /** Latest of modification and status-change time, in milliseconds. */
    long latestChangeMillis() {
      long latest = modified.toMillis();
      if (changed instanceof FileTime) {
        latest = Math.max(latest, ((FileTime) changed).toMillis());
      }
      return latest;
    }

    static Stamp of(Path path) throws IOException {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      Object changed;
      try {
        changed = Files.getAttribute(path, "unix:ctime");
      } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
        changed = null;
      }
      return new Stamp(a.size(), a.lastModifiedTime(), a.fileKey(), changed);
    }
  }

  private record Entry(Path path, String sha256) {}

  private final long settleMillis;
  private final LongSupplier clock;
  private final Map<Entry, Stamp> verified = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Entry, Stamp> eldest) {
      return size() > CAPACITY;
    }
  };

  /**
   * @param settleMillis how long a file must have been unchanged before its stamp is trusted
   * @param clock current time in milliseconds
   */
  VerifiedFiles(long settleMillis, LongSupplier clock) {
    this.settleMillis = settleMillis;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** True if the file was verified to have this hash and its stamp has not changed since. */
  boolean unchanged(Path path, String sha256, Stamp now) {
    synchronized (verified) {
      return now.equals(verified.get(new Entry(path, sha256)));
    }
  }

  /**
   * Records that the file, with the stamp taken before its bytes were read, has this hash; ignored
   * while the file has not settled.
   */
  void verified(Path path, String sha256, Stamp before) {
    if (clock.getAsLong() - before.latestChangeMillis() < settleMillis) {
      return;
    }
    synchronized (verified) {
      verified.put(new Entry(path, sha256), before);
    }
  }
}
