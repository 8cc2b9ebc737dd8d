package io.mcpbridge.core.service.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.model.plot.AxisScale;
import io.mcpbridge.core.model.plot.LineStyle;
import io.mcpbridge.core.model.plot.XyChart;
import io.mcpbridge.core.units.UnitCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimeProfileChartsTest {
  private final TimeProfileCharts charts = new TimeProfileCharts(UnitCatalog.standard());

  private static SimulationResult result(double scale) {
    double[] minutes = {0, 60, 120, 180};
    return new SimulationResult(new ModelRef(Path.of("m.pkml"), "0".repeat(64)), minutes, List.of(
        new TimeSeries("Organism|Central|Drug|Concentration", "Concentration (molar)",
            new double[] {10 * scale, 5 * scale, 0, 1.25 * scale}),
        new TimeSeries("Organism|Central|Drug", "Amount", new double[] {100, 50, 25, 12.5})),
        new RunStatistics(1, 1, 0, 0, 0, Duration.ZERO));
  }

  private static TimeProfileCharts.Request request(List<String> outputs, AxisScale scale, Optional<String> unit) {
    return new TimeProfileCharts.Request(outputs, scale, unit, "m.pkml — simulation s", "");
  }

  @Test
  void oneRun_timeInHours_valuesInTheBaseUnit_axisNamedAfterTheDimension() {
    XyChart chart = charts.chart(List.of(new TimeProfileCharts.LabelledRun("", result(1))),
        request(List.of("Organism|Central|Drug|Concentration"), AxisScale.LINEAR, Optional.empty()));
    assertThat(chart.x().label()).isEqualTo("Time [h]");
    assertThat(chart.y().label()).isEqualTo("Concentration (molar) [µmol/l]");
    assertThat(chart.lines()).hasSize(1);
    assertThat(chart.lines().get(0).x()).containsExactly(0, 1, 2, 3);
    assertThat(chart.lines().get(0).y()).containsExactly(10, 5, 0, 1.25);
    assertThat(chart.lines().get(0).name()).isEqualTo("Organism|Central|Drug|Concentration");
  }

  @Test
  void displayUnit_convertsTheValues() {
    XyChart chart = charts.chart(List.of(new TimeProfileCharts.LabelledRun("", result(1))),
        request(List.of("Organism|Central|Drug|Concentration"), AxisScale.LINEAR, Optional.of("nmol/l")));
    assertThat(chart.y().unit()).isEqualTo("nmol/l");
    assertThat(chart.lines().get(0).y()[0]).isCloseTo(10_000, within(1e-9));
  }

  @Test
  void logScale_leavesOutValuesThatAreNotPositive() {
    XyChart chart = charts.chart(List.of(new TimeProfileCharts.LabelledRun("", result(1))),
        request(List.of("Organism|Central|Drug|Concentration"), AxisScale.LOG, Optional.empty()));
    assertThat(chart.y().scale()).isEqualTo(AxisScale.LOG);
    assertThat(chart.lines().get(0).y()[2]).isNaN();
    assertThat(chart.lines().get(0).y()[3]).isEqualTo(1.25);
  }

  @Test
  void logScale_withNothingPositive_isRefused() {
    assertThatThrownBy(() -> charts.chart(List.of(new TimeProfileCharts.LabelledRun("", result(0))),
        request(List.of("Organism|Central|Drug|Concentration"), AxisScale.LOG, Optional.empty())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("positive");
  }

  @Test
  void outputsOfSeveralDimensions_shareAValueAxis_withUnitsInTheLegend() {
    XyChart chart = charts.chart(List.of(new TimeProfileCharts.LabelledRun("", result(1))),
        request(List.of(), AxisScale.LINEAR, Optional.empty()));
    assertThat(chart.y().label()).isEqualTo("Value");
    assertThat(chart.lines()).extracting(l -> l.name())
        .containsExactly("Organism|Central|Drug|Concentration [µmol/l]", "Organism|Central|Drug [µmol]");
    assertThatThrownBy(() -> charts.chart(List.of(new TimeProfileCharts.LabelledRun("", result(1))),
        request(List.of(), AxisScale.LINEAR, Optional.of("nmol/l")))).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void severalRuns_areOverlaid_laterRunsDashed_labelledInTheLegend() {
    XyChart chart = charts.chart(List.of(new TimeProfileCharts.LabelledRun("baseline", result(1)),
            new TimeProfileCharts.LabelledRun("double dose", result(2))),
        request(List.of("Organism|Central|Drug|Concentration"), AxisScale.LINEAR, Optional.empty()));
    assertThat(chart.lines()).extracting(l -> l.name()).containsExactly(
        "baseline: Organism|Central|Drug|Concentration", "double dose: Organism|Central|Drug|Concentration");
    assertThat(chart.lines()).extracting(l -> l.style()).containsExactly(LineStyle.SOLID, LineStyle.DASHED);
    assertThat(chart.lines().get(0).group()).isNotEqualTo(chart.lines().get(1).group());
    assertThat(chart.lines().get(1).y()[0]).isEqualTo(20);
  }

  @Test
  void unknownOutput_isNotFound_namingTheAvailableOnes() {
    assertThatThrownBy(() -> charts.chart(List.of(new TimeProfileCharts.LabelledRun("", result(1))),
        request(List.of("Organism|Liver|Drug"), AxisScale.LINEAR, Optional.empty())))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Organism|Central|Drug|Concentration");
  }
}
