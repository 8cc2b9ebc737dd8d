package io.mcpbridge.core.pk;

import java.util.Objects;
import java.util.Optional;

/**
 * Outcome of the best-fit ({@code nca}) terminal-phase rule for one range of samples: the chosen
 * window, or the reason there is none.
 *
 * @param window the chosen window; empty exactly when {@code reason} is present
 * @param reason why no λz could be estimated
 */
public record LambdaZSelection(Optional<LambdaZWindow> window, Optional<PkReason> reason) {
  public LambdaZSelection {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(reason, "reason");
    if (window.isPresent() == reason.isPresent()) {
      throw new IllegalArgumentException("exactly one of window and reason must be present");
    }
  }

  /** A chosen window. */
  public static LambdaZSelection of(LambdaZWindow window) {
    return new LambdaZSelection(Optional.of(window), Optional.empty());
  }

  /** No window, for this reason. */
  public static LambdaZSelection none(PkReason reason) {
    return new LambdaZSelection(Optional.empty(), Optional.of(reason));
  }
}
