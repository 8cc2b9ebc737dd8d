package io.mcpbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.core.error.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolInputReaderTest {
  record Interval(double start, double end) {}

  record Input(String simulationId, double value, Optional<List<Interval>> intervals, Optional<List<String>> paths) {}

  private final ObjectMapper json = BridgeJson.mapper();
  private final ToolInputReader reader = new ToolInputReader(json);

  private Input read(String arguments) throws Exception {
    return reader.read(json.readTree(arguments), Input.class);
  }

  @Test
  void givenValidArguments_read_buildsTheRecordWithOptionalsAbsent() throws Exception {
    Input input = read("{\"simulationId\":\"s\",\"value\":2.5}");

    assertThat(input).isEqualTo(new Input("s", 2.5, Optional.empty(), Optional.empty()));
  }

  @Test
  void givenMissingRequiredAndUnknownFields_read_namesEachOne() {
    assertThatThrownBy(() -> read("{\"colour\":\"red\"}")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("simulationId is required").hasMessageContaining("value is required")
        .hasMessageContaining("colour is not a field");
  }

  @Test
  void givenNullListElements_read_namesTheirPositionsInsteadOfFailingLater() {
    assertThatThrownBy(() -> read("{\"simulationId\":\"s\",\"value\":1,\"intervals\":[{\"start\":0,\"end\":1},null],\"paths\":[null]}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("intervals[1] must not be null").hasMessageContaining("paths[0] must not be null");
  }

  @Test
  void givenWrongType_read_namesTheField() {
    assertThatThrownBy(() -> read("{\"simulationId\":\"s\",\"value\":\"lots\"}")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("value");
  }

  @Test
  void givenNonObjectArguments_read_isRefused() {
    assertThatThrownBy(() -> read("[1,2]")).isInstanceOf(InvalidInputException.class).hasMessageContaining("JSON object");
  }
}
