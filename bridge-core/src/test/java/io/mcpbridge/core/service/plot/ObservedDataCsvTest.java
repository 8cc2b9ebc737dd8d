package io.mcpbridge.core.service.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.plot.Axis;
import io.mcpbridge.core.model.plot.AxisScale;
import io.mcpbridge.core.model.plot.LineSeries;
import io.mcpbridge.core.model.plot.LineStyle;
import io.mcpbridge.core.model.plot.PointSeries;
import io.mcpbridge.core.model.plot.XyChart;
import io.mcpbridge.core.units.UnitCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservedDataCsvTest {
  private final ObservedDataCsv observed = new ObservedDataCsv(UnitCatalog.standard());

  private static XyChart chart(AxisScale scale) {
    return new XyChart("t", "", new Axis("Time", "h", AxisScale.LINEAR), new Axis("Concentration", "µmol/l", scale),
        List.of(new LineSeries("sim", new double[] {0, 1}, new double[] {1, 2}, LineStyle.SOLID, 0, true)),
        List.of(), List.of());
  }

  @Test
  void columns_becomePointSeries_convertedToTheAxisUnits() {
    XyChart with = observed.overlay(chart(AxisScale.LINEAR),
        "Time [min],Plasma [nmol/l],Blood [µmol/l]\n0,1000,2\n90,500,\n\n180,250,0.5\n", "obs.csv");
    assertThat(with.points()).hasSize(2);
    PointSeries plasma = with.points().get(0);
    assertThat(plasma.name()).isEqualTo("observed: Plasma");
    assertThat(plasma.x()).containsExactly(0, 1.5, 3);
    assertThat(plasma.y()[0]).isCloseTo(1.0, within(1e-12));
    assertThat(plasma.y()[2]).isCloseTo(0.25, within(1e-12));
    assertThat(with.points().get(1).x()).as("empty cells are skipped").containsExactly(0, 3);
    assertThat(plasma.group()).as("colour after the chart's lines").isEqualTo(1);
    assertThat(with.lines()).hasSize(1);
  }

  @Test
  void logAxis_skipsValuesThatAreNotPositive() {
    XyChart with = observed.overlay(chart(AxisScale.LOG), "Time [h],Plasma [µmol/l]\n0,0\n1,2\n", "obs.csv");
    assertThat(with.points().get(0).x()).containsExactly(1);
  }

  @Test
  void malformedFiles_areRefusedWithTheReason() {
    assertThatThrownBy(() -> observed.overlay(chart(AxisScale.LINEAR), "Time,Plasma\n0,1\n", "obs.csv"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Name [unit]");
    assertThatThrownBy(() -> observed.overlay(chart(AxisScale.LINEAR), "Time [h],Plasma [mg]\n0,1\n", "obs.csv"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not convert");
    assertThatThrownBy(() -> observed.overlay(chart(AxisScale.LINEAR), "Time [h],Plasma [µmol/l]\n0,abc\n", "obs.csv"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("line 2");
    assertThatThrownBy(() -> observed.overlay(chart(AxisScale.LINEAR), "Time [h],Plasma [µmol/l]\n0\n", "obs.csv"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("cells");
  }
}
