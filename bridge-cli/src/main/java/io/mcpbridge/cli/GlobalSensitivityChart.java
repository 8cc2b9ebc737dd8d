package io.mcpbridge.cli;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.plot.Axis;
import io.mcpbridge.core.model.plot.AxisScale;
import io.mcpbridge.core.model.plot.TornadoBar;
import io.mcpbridge.core.model.plot.TornadoChart;
import io.mcpbridge.core.pk.PkParameterNames;
import io.mcpbridge.core.sensitivity.global.GlobalMethod;
import io.mcpbridge.core.sensitivity.global.GlobalResponse;
import io.mcpbridge.core.sensitivity.global.GlobalSensitivityRow;
import io.mcpbridge.core.service.plot.TornadoCharts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bridge sensitivity global --plot}: the indices of one response as a two-sided bar chart,
 * largest on top. Sobol draws S1 to the left and ST to the right, Morris σ to the left and μ* to the
 * right, so a bar pair's length ranks parameters by importance (interactions or non-linearity
 * show as the right bar outgrowing the left).
 */
final class GlobalSensitivityChart {
  private static final String DEFAULT_RESPONSE = "AUC_tEnd";
  private final GlobalMethod method;
  private final String output;
  private final Optional<String> response;

  private GlobalSensitivityChart(GlobalMethod method, String output, Optional<String> response) {
    this.method = method;
    this.output = output;
    this.response = response;
  }

  /**
   * Checks the choice before anything runs.
   *
   * @throws InvalidInputException if the output is not analysed or the response is neither a PK
   *     parameter name (among {@code pk}, if given) nor one of {@code times}
   */
  static GlobalSensitivityChart of(GlobalMethod method, List<String> outputs, Optional<String> output,
      Optional<String> response, List<String> pk, List<Double> times) {
    String chosenOutput = output.orElse(outputs.isEmpty() ? "" : outputs.get(0));
    if (!outputs.contains(chosenOutput)) {
      throw new InvalidInputException("--plot-output '" + chosenOutput + "' is not an output of the analysis " + outputs);
    }
    if (response.isPresent()) {
      String r = response.get();
      boolean time = times.stream().anyMatch(t -> GlobalResponse.at(chosenOutput, t).label().equals(r));
      boolean pkName = PkParameterNames.all().contains(r) && (pk.isEmpty() || pk.contains(r)) && (times.isEmpty()
          || !pk.isEmpty());
      if (!time && !pkName) {
        throw new InvalidInputException("--plot-response '" + r + "' is not a response of the analysis (a PK parameter "
            + "computed, or Value@t=T for one of --times)");
      }
    }
    return new GlobalSensitivityChart(method, chosenOutput, response);
  }

  /**
   * The chart of the chosen response.
   *
   * @return empty if the response has no indices (not finite or constant)
   */
  Optional<TornadoChart> chart(List<GlobalSensitivityRow> rows, String title) {
    String chosen = response.orElseGet(() -> rows.stream().filter(r -> r.quantityPath().equals(output))
        .map(GlobalSensitivityRow::response).filter(DEFAULT_RESPONSE::equals).findFirst()
        .orElse(rows.stream().filter(r -> r.quantityPath().equals(output)).map(GlobalSensitivityRow::response)
            .findFirst().orElse(DEFAULT_RESPONSE)));
    boolean sobol = method == GlobalMethod.SOBOL;
    List<TornadoBar> bars = new ArrayList<>();
    for (GlobalSensitivityRow r : rows) {
      if (r.quantityPath().equals(output) && r.response().equals(chosen)
          && r.state().equals(GlobalSensitivityRow.SUCCESS)) {
        bars.add(sobol ? new TornadoBar(r.parameterPath(), -r.s1(), r.st())
            : new TornadoBar(r.parameterPath(), -r.sigma(), r.muStar()));
      }
    }
    if (bars.isEmpty()) {
      return Optional.empty();
    }
    String subtitle = output + (sobol ? " · first-order S1 (left) and total ST (right) Sobol indices"
        : " · Morris σ (left) and μ* (right)");
    return Optional.of(TornadoCharts.chart(title + " — global sensitivity of " + chosen, subtitle,
        new Axis(sobol ? "Sobol index" : "Elementary effect", "", AxisScale.LINEAR),
        sobol ? "S1 (first order)" : "σ", sobol ? "ST (total)" : "μ*", bars));
  }

  String output() {
    return output;
  }
}
