package io.mcpbridge.core.model;

import java.util.Objects;

/**
 * A client's idempotency key, scoped to the principal that sent it.
 *
 * @param owner subject of the principal
 * @param key the client-chosen key (1–128 printable characters)
 * @param argumentsSha256 digest of the canonical arguments the key was first used with
 */
public record IdempotencyKey(String owner, String key, String argumentsSha256) {
  public IdempotencyKey {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(argumentsSha256, "argumentsSha256");
    if (key.isEmpty() || key.length() > 128 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("idempotency key must be 1-128 printable ASCII characters");
    }
  }
}
