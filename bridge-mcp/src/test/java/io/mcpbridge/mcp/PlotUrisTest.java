package io.mcpbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PlotUrisTest {
  private final ObjectMapper json = BridgeJson.mapper();

  @Test
  void plotUri_becomesPlotResultsArguments() {
    assertThat(PlotUris.isPlot("r1/plot.png")).isTrue();
    assertThat(PlotUris.isPlot("r1/plot.svg?scale=log")).isTrue();
    assertThat(PlotUris.isPlot("r1")).isFalse();
    assertThat(PlotUris.isPlot("r1/plot.gif")).isFalse();

    ObjectNode args = PlotUris.arguments(
        "r1/plot.svg?output=Organism%7CCentral%7CDrug&output=Organism%7CGut%7CDrug&scale=log&unit=nmol%2Fl&width=900",
        json);
    assertThat(args.toString()).isEqualTo("{\"resultsId\":\"r1\",\"format\":\"svg\",\"outputPaths\":"
        + "[\"Organism|Central|Drug\",\"Organism|Gut|Drug\"],\"scale\":\"log\",\"unit\":\"nmol/l\",\"width\":900}");
  }

  @Test
  void unknownOrMalformedParameters_areRefused() {
    assertThatThrownBy(() -> PlotUris.arguments("r1/plot.png?colour=red", json))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
    assertThatThrownBy(() -> PlotUris.arguments("r1/plot.png?width=wide", json))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width");
  }
}
