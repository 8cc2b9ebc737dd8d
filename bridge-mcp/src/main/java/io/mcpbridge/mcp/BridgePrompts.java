package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workflow prompts that teach an agent the bridge's intended sequences: load → set → run → PK,
 * comparing two values of a parameter, and explaining a simulation.
 */
public final class BridgePrompts implements McpPrompts {
  private record Argument(String name, String description, boolean required) {}

  private record Prompt(String name, String title, String description, List<Argument> arguments) {}

  private final ObjectMapper json;
  private final Map<String, Prompt> prompts = new LinkedHashMap<>();

  BridgePrompts(ObjectMapper json) {
    this.json = json;
    add(new Prompt("simulate_and_analyse", "Load, set, run and analyse",
        "Load a model, optionally change one parameter, run it with progress and compute PK parameters.",
        List.of(new Argument("filePath", "Model file from the model catalog (discover_models).", true),
            new Argument("parameterPath", "Parameter to change before running, e.g. Organism|Liver|Volume.", false),
            new Argument("value", "New value of that parameter (in its base unit unless you give a unit).", false),
            new Argument("outputPath", "Output to analyse; default every output.", false))));
    add(new Prompt("compare_parameter_values", "Compare two parameter values",
        "Run one simulation with two values of one parameter and compare the PK parameters of the two runs.",
        List.of(new Argument("simulationId", "A loaded simulation.", true),
            new Argument("parameterPath", "The parameter to vary.", true),
            new Argument("valueA", "First value.", true),
            new Argument("valueB", "Second value.", true),
            new Argument("outputPath", "Output to compare; default every output.", false))));
    add(new Prompt("explain_simulation", "Explain a simulation",
        "Describe a loaded simulation for a scientist: structure, key parameters, dosing and outputs.",
        List.of(new Argument("simulationId", "A loaded simulation.", true))));
  }

  private void add(Prompt p) {
    prompts.put(p.name(), p);
  }

  /** Names of prompt arguments, for completion. */
  boolean hasArgument(String prompt, String argument) {
    Prompt p = prompts.get(prompt);
    return p != null && p.arguments().stream().anyMatch(a -> a.name().equals(argument));
  }

  @Override
  public ArrayNode list(Exchange exchange) {
    ArrayNode list = json.createArrayNode();
    for (Prompt p : prompts.values()) {
      ObjectNode item = list.addObject();
      item.put("name", p.name());
      item.put("title", p.title());
      item.put("description", p.description());
      ArrayNode args = item.putArray("arguments");
      for (Argument a : p.arguments()) {
        args.addObject().put("name", a.name()).put("description", a.description()).put("required", a.required());
      }
    }
    return list;
  }

  @Override
  public ObjectNode get(String name, JsonNode arguments, Exchange exchange) {
    Prompt p = prompts.get(name);
    if (p == null) {
      throw McpProtocolException.invalidParams("unknown prompt: " + name);
    }
    Map<String, String> args = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (Argument a : p.arguments()) {
      JsonNode v = arguments == null ? null : arguments.get(a.name());
      if (v != null && !v.isNull() && !v.asText().isBlank()) {
        args.put(a.name(), v.asText());
      } else if (a.required()) {
        missing.add(a.name());
      }
    }
    if (!missing.isEmpty()) {
      throw McpProtocolException.invalidParams("prompt " + name + " needs " + String.join(", ", missing));
    }
    ObjectNode result = json.createObjectNode();
    result.put("description", p.description());
    result.putArray("messages").addObject().put("role", "user").putObject("content")
        .put("type", "text").put("text", text(name, args));
    return result;
  }

  private static String text(String name, Map<String, String> a) {
    String output = a.containsKey("outputPath") ? " for output " + a.get("outputPath") : "";
    switch (name) {
      case "simulate_and_analyse":
        return "Using the MCP Bridge tools:\n"
            + "1. load_simulation with filePath \"" + a.get("filePath") + "\" (a person must confirm it).\n"
            + (a.containsKey("parameterPath")
                ? "2. get_parameter_value for \"" + a.get("parameterPath") + "\", then set_parameter_value to "
                    + a.getOrDefault("value", "the new value") + " (confirmation needed); report old and new value.\n"
                : "2. Keep the parameters as loaded.\n")
            + "3. run_simulation (confirmation needed), asking for progress; or poll get_job_status until it ends.\n"
            + "4. get_simulation_results with the resultsId" + output + ".\n"
            + "5. calculate_pk_parameters with the same resultsId" + output + "; report Cmax, Tmax, AUC and half-life "
            + "with units, and say which values are undefined and why.";
      case "compare_parameter_values":
        return "Using the MCP Bridge tools on simulation \"" + a.get("simulationId") + "\":\n"
            + "1. set_parameter_value \"" + a.get("parameterPath") + "\" to " + a.get("valueA")
            + ", run_simulation, wait for the job, calculate_pk_parameters" + output + ".\n"
            + "2. set it to " + a.get("valueB") + " and repeat.\n"
            + "3. Compare the two runs in a table (PK parameter, value A, value B, ratio B/A) and explain the "
            + "difference physiologically. Every set and run needs a person's confirmation.";
      default:
        return "Read resource bridge://simulations/" + a.get("simulationId") + " (or call list_parameters) and explain "
            + "the simulation to a scientist: organism and compartments, molecules, dosing (applications and events), "
            + "the most influential parameters with values and units, which values are formula-driven or overridden, "
            + "and which outputs it reports. Do not change anything.";
    }
  }
}
