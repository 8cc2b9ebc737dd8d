package io.mcpbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpbridge.core.model.Role;
import org.junit.jupiter.api.Test;

/** Resources, templates, prompts and completion over the tool catalog. */
class McpResourcesPromptsTest {
  private final McpHarness mcp = McpHarness.as(Role.OPERATOR).initialized("{}");

  private JsonNode rpc(String method, String params) {
    return mcp.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}");
  }

  @Test
  void resourcesList_hasTheCatalogAndEveryLoadedSimulation() {
    Confirm.load(mcp, "s1");

    JsonNode resources = rpc("resources/list", "{}").path("result").path("resources");

    assertThat(resources.findValuesAsText("uri")).containsExactly("bridge://models", "bridge://simulations/s1");
  }

  @Test
  void templatesList_namesSimulationsResultsAndJobs() {
    JsonNode templates = rpc("resources/templates/list", "{}").path("result").path("resourceTemplates");

    assertThat(templates.findValuesAsText("uriTemplate")).contains("bridge://simulations/{simulationId}",
        "bridge://results/{resultsId}", "bridge://jobs/{jobId}", "bridge://results/{resultsId}/plot.png",
        "bridge://results/{resultsId}/plot.svg", "bridge://results/{resultsId}/global-sensitivity.csv");
  }

  @Test
  void readSimulation_returnsItsParametersAsJson() {
    Confirm.load(mcp, "s1");

    JsonNode contents = rpc("resources/read", "{\"uri\":\"bridge://simulations/s1\"}").path("result").path("contents");

    assertThat(contents.get(0).path("mimeType").asText()).isEqualTo("application/json");
    assertThat(contents.get(0).path("text").asText()).contains("Organism|Plasma|Volume");
  }

  @Test
  void readUnknown_isResourceNotFound() {
    assertThat(rpc("resources/read", "{\"uri\":\"bridge://simulations/none\"}").path("error").path("code").asInt())
        .isEqualTo(JsonRpc.RESOURCE_NOT_FOUND);
    assertThat(rpc("resources/read", "{\"uri\":\"file:///etc/passwd\"}").path("error").path("code").asInt())
        .isEqualTo(JsonRpc.RESOURCE_NOT_FOUND);
  }

  @Test
  void prompts_listWithDescriptions_andRenderArguments() {
    JsonNode prompts = rpc("prompts/list", "{}").path("result").path("prompts");
    JsonNode got = rpc("prompts/get", "{\"name\":\"compare_parameter_values\",\"arguments\":{\"simulationId\":\"s1\","
        + "\"parameterPath\":\"Organism|Clearance\",\"valueA\":\"0.01\",\"valueB\":\"0.02\"}}").path("result");

    assertThat(prompts.findValuesAsText("name")).contains("simulate_and_analyse", "compare_parameter_values",
        "explain_simulation");
    prompts.forEach(p -> assertThat(p.path("description").asText()).isNotBlank());
    String text = got.path("messages").get(0).path("content").path("text").asText();
    assertThat(text).contains("Organism|Clearance").contains("0.01").contains("0.02").contains("calculate_pk_parameters");
  }

  @Test
  void promptWithoutRequiredArgument_isInvalidParams() {
    assertThat(rpc("prompts/get", "{\"name\":\"explain_simulation\",\"arguments\":{}}").path("error").path("code").asInt())
        .isEqualTo(JsonRpc.INVALID_PARAMS);
  }

  @Test
  void completion_suggestsModelFilesSimulationIdsAndParameterPaths() {
    Confirm.load(mcp, "s1");

    JsonNode files = rpc("completion/complete", "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"simulate_and_analyse\"},"
        + "\"argument\":{\"name\":\"filePath\",\"value\":\"oral\"}}").path("result").path("completion");
    JsonNode sims = rpc("completion/complete", "{\"ref\":{\"type\":\"ref/resource\",\"uri\":"
        + "\"bridge://simulations/{simulationId}\"},\"argument\":{\"name\":\"simulationId\",\"value\":\"s\"}}")
        .path("result").path("completion");
    JsonNode paths = rpc("completion/complete", "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"compare_parameter_values\"},"
        + "\"argument\":{\"name\":\"parameterPath\",\"value\":\"Organism|Pl\"},\"context\":{\"arguments\":"
        + "{\"simulationId\":\"s1\"}}}").path("result").path("completion");

    assertThat(files.path("values").get(0).asText()).isEqualTo("examples/oral.pkml");
    assertThat(files.path("values").size()).isEqualTo(1);
    assertThat(sims.path("values").get(0).asText()).isEqualTo("s1");
    assertThat(paths.path("values").size()).isEqualTo(1);
    assertThat(paths.path("values").get(0).asText()).isEqualTo("Organism|Plasma|Volume");
    assertThat(paths.path("hasMore").asBoolean()).isFalse();
  }
}
