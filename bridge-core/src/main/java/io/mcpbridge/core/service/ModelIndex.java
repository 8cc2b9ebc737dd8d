package io.mcpbridge.core.service;

import io.mcpbridge.core.error.BackendUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The models under the allow-listed roots, with content hashes (cached while size and
 * modification time stay the same) and which simulations were loaded from each content.
 * Thread-safe.
 */
public final class ModelIndex {
  private static final int MAX_DEPTH = 8;

  private final ModelAccess access;
  private final Map<Path, CachedHash> hashes = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> simulationsBySha = new ConcurrentHashMap<>();

  public ModelIndex(ModelAccess access) {
    this.access = access;
  }

  /** One model file. */
  public record ModelFile(Path path, String relativePath, Path root, long sizeBytes, Instant modifiedAt, String sha256,
      List<String> simulationIds) {}

  private record CachedHash(long size, Instant modified, String sha256) {}

  /** Every model file ({@link ModelFileTypes#isModelFile}) under the roots (symlinks are not followed), sorted by relative path. */
  public List<ModelFile> scan() {
    List<ModelFile> files = new ArrayList<>();
    for (Path root : access.roots()) {
      try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
              java.nio.file.LinkOption.NOFOLLOW_LINKS);
          if (!a.isRegularFile() || !ModelFileTypes.isModelFile(p)) {
            continue;
          }
          Instant modified = a.lastModifiedTime().toInstant();
          String sha = hash(p, a.size(), modified);
          files.add(new ModelFile(p, root.relativize(p).toString(), root, a.size(), modified, sha,
              List.copyOf(simulationsBySha.getOrDefault(sha, Set.of()).stream().sorted().toList())));
        }
      } catch (IOException e) {
        throw new BackendUnavailableException("cannot scan model directory " + root + ": " + e.getMessage(), e);
      }
    }
    files.sort(Comparator.comparing(ModelFile::relativePath));
    return files;
  }

  /** Records that a simulation was loaded from a model content. */
  public void recordLoaded(String sha256, String simulationId) {
    simulationsBySha.computeIfAbsent(sha256, k -> ConcurrentHashMap.newKeySet()).add(simulationId);
  }

  private String hash(Path p, long size, Instant modified) throws IOException {
    CachedHash cached = hashes.get(p);
    if (cached != null && cached.size() == size && cached.modified().equals(modified)) {
      return cached.sha256();
    }
    String sha = ModelAccess.sha256(p);
    hashes.put(p, new CachedHash(size, modified, sha));
    return sha;
  }
}
