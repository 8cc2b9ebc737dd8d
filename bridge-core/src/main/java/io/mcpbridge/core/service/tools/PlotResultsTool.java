package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.Sha256;
import io.mcpbridge.core.model.StoredResult;
import io.mcpbridge.core.model.plot.AxisScale;
import io.mcpbridge.core.model.plot.ImageFormat;
import io.mcpbridge.core.model.plot.ImageSize;
import io.mcpbridge.core.model.plot.XyChart;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.PlotRenderer;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.service.Tool;
import io.mcpbridge.core.service.plot.TimeProfileCharts;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code plot_results}: the time profile of a finished run as a PNG or SVG image, so an agent can
 * show a result. The same input always gives the same bytes (REST's {@code GET
 * /results/{resultsId}/plot.png} returns exactly this image).
 */
public final class PlotResultsTool implements Tool<PlotResultsTool.Input, PlotResultsTool.Output> {

  /** Input of plot_results. */
  public record Input(
      @Description("Results id from get_job_status (resultHandle.resultsId).") String resultsId,
      @Description("Quantity paths to plot; default every reported output.") Optional<List<String>> outputPaths,
      @Description("Scale of the value axis: linear (default) or log.") Optional<String> scale,
      @Description("Display unit of the values (all outputs must accept it); default the base unit.") Optional<String> unit,
      @Description("Image format: png (default) or svg.") Optional<String> format,
      @Description("Width in pixels, 300-4000; default 1200.") Optional<Integer> width,
      @Description("Height in pixels, 300-4000; default 800.") Optional<Integer> height) {}

  /** Output of plot_results. */
  public record Output(
      String resultsId,
      String simulationId,
      int revision,
      @Description("Media type of the image: image/png or image/svg+xml.") String mimeType,
      int width,
      int height,
      @Description("SHA-256 of the image bytes (hex).") String sha256,
      @Description("Resource URI of this image (resources/read returns it as a blob).") String uri,
      @Description("The image, base64-encoded.") String data) {}

  private final JobRegistry registry;
  private final TimeProfileCharts charts;
  private final PlotRenderer renderer;

  public PlotResultsTool(JobRegistry registry, TimeProfileCharts charts, PlotRenderer renderer) {
    this.registry = registry;
    this.charts = charts;
    this.renderer = renderer;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("plot_results", "Plot simulation results",
        "Draw the time profile of a finished run (chosen outputs, linear or log scale) as a PNG or SVG image: "
            + "time in hours, values with units, a legend, and a title naming the model and the run.",
        Role.VIEWER, false, true, false, true, false, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    AxisScale scale = input.scale().map(AxisScale::parse).orElse(AxisScale.LINEAR);
    ImageFormat format = input.format().map(ImageFormat::parse).orElse(ImageFormat.PNG);
    ImageSize size = new ImageSize(input.width().orElse(ImageSize.DEFAULT.width()),
        input.height().orElse(ImageSize.DEFAULT.height()));
    List<String> outputs = input.outputPaths().orElse(List.of());
    if (input.outputPaths().isPresent() && outputs.isEmpty()) {
      throw new InvalidInputException("outputPaths must not be empty when given");
    }
    StoredResult stored = Results.find(registry, input.resultsId());
    XyChart chart = charts.chart(List.of(new TimeProfileCharts.LabelledRun("", stored.result())),
        new TimeProfileCharts.Request(outputs, scale, input.unit(), title(stored), subtitle(stored)));
    byte[] image = renderer.render(chart, format, size);
    return new Output(stored.id().value(), stored.simulationId().value(), stored.revision(), format.mimeType(),
        size.width(), size.height(), Sha256.hex(image), uri(stored.id().value(), format, input),
        Base64.getEncoder().encodeToString(image));
  }

  /** The headline: model file, simulation and revision. */
  static String title(StoredResult stored) {
    return stored.result().model().path().getFileName() + " — simulation " + stored.simulationId().value()
        + " (revision " + stored.revision() + ")";
  }

  private static String subtitle(StoredResult stored) {
    return "results " + stored.id().value() + " · job " + stored.jobId().value();
  }

  /** {@code bridge://results/{id}/plot.png}, with the non-default choices as query parameters. */
  private static String uri(String resultsId, ImageFormat format, Input input) {
    StringBuilder query = new StringBuilder();
    input.outputPaths().ifPresent(ps -> ps.forEach(p -> append(query, "output", p)));
    input.scale().ifPresent(s -> append(query, "scale", s));
    input.unit().ifPresent(u -> append(query, "unit", u));
    input.width().ifPresent(w -> append(query, "width", String.valueOf(w)));
    input.height().ifPresent(h -> append(query, "height", String.valueOf(h)));
    return "bridge://results/" + resultsId + "/plot." + format.extension() + (query.length() == 0 ? "" : "?" + query);
  }

  private static void append(StringBuilder query, String name, String value) {
    if (query.length() > 0) {
      query.append('&');
    }
    query.append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
  }
}
