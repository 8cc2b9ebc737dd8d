package io.mcpbridge.core.service.plot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.plot.Axis;
import io.mcpbridge.core.model.plot.AxisScale;
import io.mcpbridge.core.model.plot.DistributionChart;
import io.mcpbridge.core.model.plot.LineStyle;
import io.mcpbridge.core.model.plot.TornadoBar;
import io.mcpbridge.core.model.plot.TornadoChart;
import io.mcpbridge.core.model.plot.XyChart;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PopulationAndSensitivityChartsTest {
  private static final Axis TIME = new Axis("Time", "h", AxisScale.LINEAR);

  @Test
  void populationBands_arePercentilesPerTime_withMedian_andOptionalIndividuals() {
    double[] t = {0, 1};
    List<double[]> individuals = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      individuals.add(new double[] {i, 10 * i});
    }
    XyChart chart = PopulationBandCharts.chart("pop", "", TIME, new Axis("C", "µmol/l", AxisScale.LINEAR), "C", t,
        individuals, true);
    assertThat(chart.bands()).extracting(b -> b.name()).containsExactly("5th–95th percentile", "25th–75th percentile");
    assertThat(chart.bands().get(0).lower()).containsExactly(1.45, 14.5);
    assertThat(chart.bands().get(0).upper()[1]).isEqualTo(95.5, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(chart.bands().get(1).lower()).containsExactly(3.25, 32.5);
    assertThat(chart.lines()).filteredOn(l -> l.style() == LineStyle.THIN).hasSize(10);
    assertThat(chart.lines()).filteredOn(l -> l.inLegend()).extracting(l -> l.name())
        .containsExactly("individuals (10)", "C median");
    assertThat(chart.lines().get(chart.lines().size() - 1).y()).containsExactly(5.5, 55);

    XyChart bandsOnly = PopulationBandCharts.chart("pop", "", TIME, new Axis("C", "µmol/l", AxisScale.LINEAR), "C", t,
        individuals, false);
    assertThat(bandsOnly.lines()).hasSize(1);
  }

  @Test
  void distribution_hasPercentileSummary_andSqrtNBins() {
    double[] v = new double[100];
    for (int i = 0; i < v.length; i++) {
      v[i] = i + 1;
    }
    DistributionChart chart = DistributionCharts.chart("AUC", "", new Axis("AUC", "µmol·min/l", AxisScale.LINEAR), "AUC", v);
    assertThat(chart.bins()).isEqualTo(10);
    assertThat(chart.summary().median()).isEqualTo(50.5);
    assertThat(chart.summary().p5()).isEqualTo(5.95, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void tornado_ordersBySpan_largestFirst() {
    TornadoChart chart = TornadoCharts.chart("S", "", new Axis("Change", "%", AxisScale.LINEAR), "-10 %", "+10 %",
        List.of(new TornadoBar("a", -1, 1), new TornadoBar("b", 5, -6), new TornadoBar("c", -3, 0)));
    assertThat(chart.bars()).extracting(TornadoBar::parameter).containsExactly("b", "c", "a");
  }
}
