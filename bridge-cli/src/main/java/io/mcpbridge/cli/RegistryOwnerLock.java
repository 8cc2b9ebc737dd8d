package io.mcpbridge.cli;

import io.mcpbridge.core.error.BackendUnavailableException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes one process the owner of a job registry with the in-process (thread) backend. Without it,
 * a second process (a {@code bridge call} or a stdio {@code bridge mcp} next to {@code bridge
 * serve}) would run recovery on the shared file, requeue the jobs the first one is still running,
 * and run them twice.
 */
final class RegistryOwnerLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RegistryOwnerLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock next to the registry file.
   *
   * @throws BackendUnavailableException if another process holds it
   */
  static RegistryOwnerLock acquire(Path registry) {
    Path file = registry.toAbsolutePath().resolveSibling(registry.getFileName() + ".owner.lock");
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new BackendUnavailableException("another bridge process owns the job registry " + registry
            + "; with JOB_BACKEND=thread one process runs the jobs of a registry — call it with --server, or stop it");
      }
      return new RegistryOwnerLock(channel, lock);
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot lock the job registry " + registry + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // released with the process anyway
    }
  }
}
