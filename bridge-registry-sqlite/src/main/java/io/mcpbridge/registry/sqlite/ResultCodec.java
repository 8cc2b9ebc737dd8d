package io.mcpbridge.registry.sqlite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.error.InternalErrorException;
import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.TimeSeries;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Results in two parts: small metadata as JSON, and every number in one BLOB of little-endian
 * IEEE-754 doubles (the times, then each series in order). Binary, because results hold up to
 * millions of values: 8 bytes each, bit-exact (NaN payloads and -0.0 too), copied in bulk.
 */
final class ResultCodec {
  private static final int FORMAT = 1;

  private final SpecCodec specs;

  ResultCodec(SpecCodec specs) {
    this.specs = specs;
  }

  String metadata(SimulationResult result) {
    ObjectNode root = specs.object();
    root.put("v", FORMAT);
    root.set("model", specs.model(result.model()));
    root.put("points", result.times().length);
    ArrayNode series = root.putArray("series");
    for (TimeSeries s : result.series()) {
      series.addObject().put("path", s.path()).put("dimension", s.dimension());
    }
    RunStatistics st = result.statistics();
    root.putObject("statistics")
        .put("steps", st.steps())
        .put("rhsEvaluations", st.rhsEvaluations())
        .put("jacobianEvaluations", st.jacobianEvaluations())
        .put("errorTestFailures", st.errorTestFailures())
        .put("convergenceFailures", st.convergenceFailures())
        .put("wallTimeNanos", st.wallTime().toNanos());
    return specs.toText(root);
  }

  static byte[] values(SimulationResult result) {
    int points = result.times().length;
    ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(Math.multiplyExact(points, 1 + result.series().size()),
        Double.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
    DoubleBuffer doubles = bytes.asDoubleBuffer();
    doubles.put(result.times());
    for (TimeSeries s : result.series()) {
      doubles.put(s.values());
    }
    return bytes.array();
  }

  SimulationResult read(String metadata, byte[] values) {
    JsonNode root = specs.parse(metadata);
    int points = root.required("points").asInt();
    JsonNode seriesMeta = root.required("series");
    if ((long) values.length != (long) points * (1 + seriesMeta.size()) * Double.BYTES) {
      throw new InternalErrorException("a stored result of the job registry has the wrong length");
    }
    DoubleBuffer doubles = ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
    double[] times = new double[points];
    doubles.get(times);
    List<TimeSeries> series = new ArrayList<>(seriesMeta.size());
    for (JsonNode s : seriesMeta) {
      double[] v = new double[points];
      doubles.get(v);
      series.add(new TimeSeries(s.required("path").asText(), s.required("dimension").asText(), v));
    }
    JsonNode st = root.required("statistics");
    RunStatistics statistics = new RunStatistics(st.required("steps").asLong(), st.required("rhsEvaluations").asLong(),
        st.required("jacobianEvaluations").asLong(), st.required("errorTestFailures").asLong(),
        st.required("convergenceFailures").asLong(), Duration.ofNanos(st.required("wallTimeNanos").asLong()));
    return new SimulationResult(SpecCodec.model(root.required("model")), times, series, statistics);
  }
}
