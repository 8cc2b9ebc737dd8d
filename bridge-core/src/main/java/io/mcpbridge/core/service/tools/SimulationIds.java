package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.model.SimulationId;

/** Parses ids from tool input with a clear error instead of a constructor exception. */
final class SimulationIds {
  private static final String RULE = " must be 1-64 characters of letters, digits, '-' or '_'";

  private SimulationIds() {}

  static SimulationId parse(String text) {
    try {
      return new SimulationId(text);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidInputException("simulationId" + RULE);
    }
  }

  static JobId job(String text) {
    try {
      return new JobId(text);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidInputException("jobId" + RULE);
    }
  }

  static ResultId result(String text) {
    try {
      return new ResultId(text);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidInputException("resultsId" + RULE);
    }
  }
}
