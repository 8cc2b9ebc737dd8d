package io.mcpbridge.core.service;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.ErrorDetail;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides which model files may be read: only {@code .pkml} and SimModel {@code .xml} files
 * ({@link ModelFileTypes}) inside the allow-listed roots,
 * judged after resolving symlinks, within the size limit. Every check happens before the file's
 * content is opened. Thread-safe.
 */
public final class ModelAccess {
  private final List<Path> roots;
  private final long maxBytes;

  /**
   * @param roots allow-listed directories (MCP_MODEL_SEARCH_PATHS); missing ones are ignored
   * @param maxBytes largest accepted file
   */
  public ModelAccess(List<Path> roots, long maxBytes) {
    List<Path> real = new ArrayList<>();
    for (Path r : roots) {
      try {
        real.add(r.toRealPath());
      } catch (IOException e) {
        // A missing root simply admits nothing; configuration checks report it.
      }
    }
    this.roots = List.copyOf(real);
    this.maxBytes = maxBytes;
  }

  /** The resolved roots. */
  public List<Path> roots() {
    return roots;
  }

  /**
   * Resolves a user-supplied path to an allowed file without reading it.
   *
   * @param userPath absolute, or relative to one of the roots (tried in order)
   * @return the real path of the file
   * @throws InvalidInputException naming the rule that refused the path
   */
  public Path resolve(String userPath) {
    if (userPath == null || userPath.isBlank()) {
      throw refuse(String.valueOf(userPath), "a model path is required");
    }
    if (userPath.indexOf('\0') >= 0) {
      throw refuse(userPath, "contains a NUL byte");
    }
    String lower = userPath.toLowerCase(Locale.ROOT);
    if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
      throw refuse(userPath, "contains URL-encoded path characters; send the plain path");
    }
    if (!ModelFileTypes.hasModelExtension(lower)) {
      throw refuse(userPath, "is not a .pkml or SimModel .xml file");
    }
    Path given;
    try {
      given = Path.of(userPath);
    } catch (InvalidPathException e) {
      throw refuse(userPath, "is not a valid path");
    }
    for (Path candidate : candidates(given)) {
      Optional<Path> real = realPath(candidate);
      if (real.isEmpty()) {
        continue;
      }
      Path file = real.get();
      if (roots.stream().noneMatch(file::startsWith)) {
        throw refuse(userPath, "resolves outside the allowed model directories");
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw refuse(userPath, "is not a regular file");
      }
      if (!ModelFileTypes.hasModelExtension(file.getFileName().toString())) {
        throw refuse(userPath, "links to a file that is not a .pkml or SimModel .xml file");
      }
      return file;
    }
    throw refuse(userPath, "was not found in the allowed model directories");
  }

  /**
   * Resolves and hashes a model file.
   *
   * @throws InvalidInputException if the path is refused or the file is too large
   * @throws BackendUnavailableException if the file cannot be read
   */
  public ModelRef admit(String userPath) {
    Path file = resolve(userPath);
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw refuse(userPath, "is " + size + " bytes; the limit is " + maxBytes);
      }
      return new ModelRef(file, sha256(file));
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot read model " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /** SHA-256 (lowercase hex) of a file's content. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** A path relative to the root that contains it (for display). */
  public String relativeToRoot(Path file) {
    return roots.stream().filter(file::startsWith).findFirst()
        .map(r -> r.relativize(file).toString()).orElse(file.getFileName().toString());
  }

  private List<Path> candidates(Path given) {
    if (given.isAbsolute()) {
      return List.of(given);
    }
    return roots.stream().map(r -> r.resolve(given)).toList();
  }

  private static Optional<Path> realPath(Path p) {
    try {
      return Optional.of(p.toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static InvalidInputException refuse(String path, String why) {
    String shown = path.replace('\0', '?');
    return new InvalidInputException("model path '" + shown + "' " + why,
        List.of(ErrorDetail.error("filePath", why)));
  }
}
