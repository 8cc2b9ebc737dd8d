package io.mcpbridge.core.model;

import java.util.Locale;

/** Life cycle of a job: queued → running → one terminal state. */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  TIMED_OUT;

  /** True for states a job never leaves. */
  public boolean isTerminal() {
    return this != QUEUED && this != RUNNING;
  }

  /** Lowercase name used on the wire ({@code timed_out}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
