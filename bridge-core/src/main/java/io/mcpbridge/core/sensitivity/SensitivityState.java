package io.mcpbridge.core.sensitivity;

/** Whether a sensitivity could be computed. */
public enum SensitivityState {
  /** Computed. */
  SUCCESS("Success"),
  /** PK_0 (the unperturbed run's value) is not finite or zero: the value is NaN. */
  FAILED_TO_CALCULATE_DEFAULT_PK_VALUE("FailedToCalculateDefaultPKValue");

  private final String ospName;

  SensitivityState(String ospName) {
    this.ospName = ospName;
  }

  /** OSP's name of the state. */
  public String ospName() {
    return ospName;
  }
}
