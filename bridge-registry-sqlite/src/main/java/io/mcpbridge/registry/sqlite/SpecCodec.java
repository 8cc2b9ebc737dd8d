package io.mcpbridge.registry.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.error.InternalErrorException;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.OutputInterval;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.ResultPrecision;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.SolverSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Simulation specs as compact JSON, written field by field so that the stored form does not
 * change when a record gains a method. The {@code v} field versions the format.
 */
final class SpecCodec {
  private static final int FORMAT = 1;

  private final ObjectMapper json;

  SpecCodec(ObjectMapper json) {
    this.json = json;
  }

  String write(SimulationSpec spec) {
    ObjectNode root = json.createObjectNode();
    root.put("v", FORMAT);
    root.set("model", model(spec.model()));
    ArrayNode overrides = root.putArray("overrides");
    for (ParameterOverride o : spec.overrides()) {
      ObjectNode n = overrides.addObject().put("path", o.path());
      JsonDoubles.put(n, "value", o.value());
    }
    ArrayNode outputs = root.putArray("outputs");
    spec.outputs().forEach(outputs::add);
    ArrayNode intervals = root.putArray("intervals");
    for (OutputInterval i : spec.outputIntervals()) {
      ObjectNode n = intervals.addObject();
      JsonDoubles.put(n, "start", i.startTime());
      JsonDoubles.put(n, "end", i.endTime());
      JsonDoubles.put(n, "resolution", i.resolution());
    }
    spec.solver().ifPresent(s -> root.set("solver", solver(s)));
    root.put("precision", spec.precision().name());
    return toText(root);
  }

  SimulationSpec read(String text) {
    JsonNode root = parse(text);
    List<ParameterOverride> overrides = new ArrayList<>();
    for (JsonNode o : root.required("overrides")) {
      overrides.add(new ParameterOverride(o.required("path").asText(), JsonDoubles.get(o, "value")));
    }
    List<String> outputs = new ArrayList<>();
    root.required("outputs").forEach(o -> outputs.add(o.asText()));
    List<OutputInterval> intervals = new ArrayList<>();
    for (JsonNode i : root.required("intervals")) {
      intervals.add(new OutputInterval(JsonDoubles.get(i, "start"), JsonDoubles.get(i, "end"),
          JsonDoubles.get(i, "resolution")));
    }
    Optional<SolverSettings> solver = Optional.ofNullable(root.get("solver")).map(SpecCodec::solver);
    return new SimulationSpec(model(root.required("model")), overrides, outputs, intervals, solver,
        ResultPrecision.valueOf(root.required("precision").asText()));
  }

  ObjectNode object() {
    return json.createObjectNode();
  }

  ObjectNode model(ModelRef model) {
    return json.createObjectNode().put("path", model.path().toString()).put("sha256", model.sha256());
  }

  static ModelRef model(JsonNode node) {
    return new ModelRef(Path.of(node.required("path").asText()), node.required("sha256").asText());
  }

  private ObjectNode solver(SolverSettings s) {
    ObjectNode n = json.createObjectNode();
    JsonDoubles.put(n, "absTol", s.absTol());
    JsonDoubles.put(n, "relTol", s.relTol());
    n.put("useJacobian", s.useJacobian());
    JsonDoubles.put(n, "h0", s.h0());
    JsonDoubles.put(n, "hMin", s.hMin());
    JsonDoubles.put(n, "hMax", s.hMax());
    n.put("mxStep", s.mxStep());
    n.put("checkNegativeValues", s.checkNegativeValues());
    return n;
  }

  private static SolverSettings solver(JsonNode n) {
    return new SolverSettings(JsonDoubles.get(n, "absTol"), JsonDoubles.get(n, "relTol"),
        n.required("useJacobian").asBoolean(), JsonDoubles.get(n, "h0"), JsonDoubles.get(n, "hMin"),
        JsonDoubles.get(n, "hMax"), n.required("mxStep").asLong(), n.required("checkNegativeValues").asBoolean());
  }

  String toText(JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InternalErrorException("a stored record of the job registry is unreadable", e);
    }
  }
}
