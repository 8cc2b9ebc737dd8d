package io.mcpbridge.cli;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.plot.Axis;
import io.mcpbridge.core.model.plot.AxisScale;
import io.mcpbridge.core.model.plot.TornadoBar;
import io.mcpbridge.core.model.plot.TornadoChart;
import io.mcpbridge.core.pk.PkParameterNames;
import io.mcpbridge.core.sensitivity.PkSensitivity;
import io.mcpbridge.core.service.plot.TornadoCharts;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code bridge sensitivity run --plot}: a tornado chart of one PK parameter of one output. Each
 * parameter's OSP sensitivity S is drawn as the change of the PK parameter it predicts when the
 * parameter is lowered or raised by the analysis' range, to first order: ∓S·range (in %). NaN
 * sensitivities are left out; the largest {@link TornadoCharts#MAX_BARS} are shown.
 */
final class SensitivityTornado {
  /** The PK parameter plotted unless another is asked for (when the analysis reports it). */
  static final String DEFAULT_PK = "AUC_tEnd";

  private final PlotFile file;
  private final String output;
  private final String pkParameter;

  private SensitivityTornado(PlotFile file, String output, String pkParameter) {
    this.file = file;
    this.output = output;
    this.pkParameter = pkParameter;
  }

  /**
   * Checks the options against what the analysis will report.
   *
   * @param output the output to plot; empty means the first of {@code outputs}
   * @param pk the PK parameter to plot; empty means {@link #DEFAULT_PK} if reported, else the first of {@code reportedPk}
   * @param outputs the analysis' outputs
   * @param reportedPk the PK parameters asked for; empty means all
   * @throws InvalidInputException for a bad file name, an output the analysis does not have, or a PK
   *     parameter it does not report
   */
  static SensitivityTornado of(PlotFile file, Optional<String> output, Optional<String> pk, List<String> outputs,
      List<String> reportedPk) {
    String chosenOutput = output.orElse(outputs.isEmpty() ? "" : outputs.get(0));
    if (!outputs.contains(chosenOutput)) {
      throw new InvalidInputException("--plot-output '" + chosenOutput + "' is not an output of the analysis " + outputs);
    }
    String chosenPk = pk.orElse(reportedPk.isEmpty() || reportedPk.contains(DEFAULT_PK) ? DEFAULT_PK : reportedPk.get(0));
    if (!PkParameterNames.all().contains(chosenPk)) {
      throw new InvalidInputException("--plot-pk '" + chosenPk + "' is not a PK parameter name");
    }
    if (!reportedPk.isEmpty() && !reportedPk.contains(chosenPk)) {
      throw new InvalidInputException("--plot-pk '" + chosenPk + "' is not among the PK parameters of --pk " + reportedPk);
    }
    return new SensitivityTornado(file, chosenOutput, chosenPk);
  }

  /**
   * The chart of these sensitivities.
   *
   * @param entries the sensitivities written (every output and PK parameter; the chosen ones are picked)
   * @param range the analysis' variation range
   * @param title headline, e.g. the model's file name
   * @return empty if no finite sensitivity of the chosen output and PK parameter is left to draw
   */
  Optional<TornadoChart> chart(List<PkSensitivity> entries, double range, String title) {
    List<PkSensitivity> chosen = new ArrayList<>();
    int undefined = 0;
    for (PkSensitivity e : entries) {
      if (e.quantityPath().equals(output) && e.pkParameter().equals(pkParameter)) {
        if (Double.isFinite(e.value())) {
          chosen.add(e);
        } else {
          undefined++;
        }
      }
    }
    if (chosen.isEmpty()) {
      return Optional.empty();
    }
    Set<String> names = new HashSet<>();
    boolean namesUnique = chosen.stream().allMatch(e -> names.add(e.parameterName()));
    double percent = range * 100;
    List<TornadoBar> bars = new ArrayList<>();
    for (PkSensitivity e : chosen) {
      String label = namesUnique ? e.parameterName() : e.parameterPath();
      bars.add(new TornadoBar(label, -e.value() * percent, e.value() * percent));
    }
    String step = new BigDecimal(percent).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    StringBuilder subtitle = new StringBuilder(output).append(" · OSP sensitivity S drawn as the first-order change ∓S·")
        .append(step).append(" %");
    if (chosen.size() > TornadoCharts.MAX_BARS) {
      subtitle.append(" · largest ").append(TornadoCharts.MAX_BARS).append(" of ").append(chosen.size());
    }
    if (undefined > 0) {
      subtitle.append(" · ").append(undefined).append(" undefined (NaN) left out");
    }
    return Optional.of(TornadoCharts.chart(title + " — sensitivity of " + pkParameter, subtitle.toString(),
        new Axis("Change of " + pkParameter, "%", AxisScale.LINEAR), "parameter −" + step + " %",
        "parameter +" + step + " %", bars));
  }

  /** Writes the chart. */
  void write(TornadoChart chart) {
    file.write(chart);
  }

  String output() {
    return output;
  }

  String pkParameter() {
    return pkParameter;
  }
}
