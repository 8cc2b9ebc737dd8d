package io.mcpbridge.core.model.plot;

import java.util.Objects;

/**
 * The effect of one parameter in a tornado chart.
 *
 * @param parameter the parameter's label
 * @param low the output's change when the parameter is lowered
 * @param high the output's change when the parameter is raised
 */
public record TornadoBar(String parameter, double low, double high) {
  public TornadoBar {
    Objects.requireNonNull(parameter, "parameter");
  }

  /** The width of the bar pair: how much the output moves across the parameter's range. */
  public double span() {
    return Math.abs(high - low);
  }
}
