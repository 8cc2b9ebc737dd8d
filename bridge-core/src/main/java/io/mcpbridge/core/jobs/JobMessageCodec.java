package io.mcpbridge.core.jobs;

import io.mcpbridge.core.audit.CanonicalJson;
import io.mcpbridge.core.audit.JsonText;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.OutputInterval;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.ResultPrecision;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.SolverSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one encoding of {@link JobMessage} on every broker: canonical JSON (sorted keys, shortest
 * round-trip numbers), UTF-8 on the wire, with a format version {@code v}. A decoder refuses a
 * version it does not know, unknown top-level fields of its own version, and anything malformed,
 * with {@link MalformedJobMessageException}; it never guesses. Stateless and thread-safe.
 *
 * <p>Version 1 (see {@code docs/jobs-wire-format.md}):
 * <pre>
 * {"v":1,"jobId":"…","attempt":1,"simulationId":"…","revision":2,"timeoutMs":300000,
 *  "correlationId":"…","chunk":null | {"index":0,"count":4},
 *  "spec":{"model":{"path":"/abs/model.pkml","sha256":"…"},
 *          "overrides":[{"path":"Organism|Liver|Volume","value":2.0}, …],   (in order: a later one wins)
 *          "outputs":["…"], "outputIntervals":[{"start":0,"end":1440,"resolution":0.25}],
 *          "solver":null | {"absTol":…,"relTol":…,"useJacobian":true,"h0":…,"hMin":…,"hMax":…,
 *                           "mxStep":…,"checkNegativeValues":true},
 *          "precision":"float32" | "full"}}
 * </pre>
 * Version 2 is version 1 plus {@code "work":{"kind":"population","body":{…}}}, the slice of a
 * split job one chunk message runs; it is written only for chunk messages, so messages of jobs that
 * run whole stay readable by version 1 readers.
 *
 * <p>Numbers that are whole are written without a fraction and read back as the same double, so an
 * override value survives the round trip bit for bit (except that {@code -0.0} becomes {@code 0}).
 */
public final class JobMessageCodec {
  private static final List<String> FIELDS = List.of("v", "jobId", "attempt", "simulationId", "revision", "timeoutMs",
      "correlationId", "chunk", "spec");
  private static final List<String> CHUNKED_FIELDS = List.of("v", "jobId", "attempt", "simulationId", "revision",
      "timeoutMs", "correlationId", "chunk", "spec", "work");

  private JobMessageCodec() {}

  /** The wire text of a message. */
  public static String encode(JobMessage m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("v", m.work().isPresent() ? JobMessage.CHUNKED_FORMAT_VERSION : JobMessage.FORMAT_VERSION);
    out.put("jobId", m.jobId().value());
    out.put("attempt", m.attempt());
    out.put("simulationId", m.simulationId().value());
    out.put("revision", m.revision());
    out.put("timeoutMs", m.timeout().toMillis());
    out.put("correlationId", m.correlationId());
    out.put("chunk", m.chunk().map(c -> (Object) Map.of("index", c.index(), "count", c.count())).orElse(null));
    out.put("spec", spec(m.spec()));
    m.work().ifPresent(w -> out.put("work", Map.of("kind", w.kind(), "body", JsonText.parse(w.body()))));
    return CanonicalJson.write(out);
  }

  /**
   * Reads a message.
   *
   * @throws MalformedJobMessageException naming what is wrong
   */
  public static JobMessage decode(String text) {
    Map<String, Object> in;
    try {
      in = Fields.object(JsonText.parse(text), "message");
    } catch (IllegalArgumentException e) {
      throw new MalformedJobMessageException("not a JSON job message: " + e.getMessage());
    }
    long version = Fields.integer(in, "v");
    if (version != JobMessage.FORMAT_VERSION && version != JobMessage.CHUNKED_FORMAT_VERSION) {
      throw new MalformedJobMessageException("job message format version " + version + " is not supported (this build reads "
          + JobMessage.FORMAT_VERSION + " and " + JobMessage.CHUNKED_FORMAT_VERSION + ")");
    }
    List<String> known = version == JobMessage.FORMAT_VERSION ? FIELDS : CHUNKED_FIELDS;
    for (String key : in.keySet()) {
      if (!known.contains(key)) {
        throw new MalformedJobMessageException("unknown field '" + key + "' in a version " + version + " job message");
      }
    }
    if (version == JobMessage.CHUNKED_FORMAT_VERSION && (in.get("work") == null || in.get("chunk") == null)) {
      throw new MalformedJobMessageException("a version 2 job message needs 'chunk' and 'work'");
    }
    try {
      Object chunk = in.get("chunk");
      Optional<JobMessage.Chunk> parsedChunk = chunk == null ? Optional.empty() : Optional.of(new JobMessage.Chunk(
          (int) Fields.integer(Fields.object(chunk, "chunk"), "index"), (int) Fields.integer(Fields.object(chunk, "chunk"), "count")));
      return new JobMessage(new JobId(Fields.text(in, "jobId")), (int) Fields.integer(in, "attempt"),
          new SimulationId(Fields.text(in, "simulationId")), (int) Fields.integer(in, "revision"),
          spec(Fields.object(in.get("spec"), "spec")), Duration.ofMillis(Fields.integer(in, "timeoutMs")),
          Fields.text(in, "correlationId"), parsedChunk, work(in.get("work")));
    } catch (IllegalArgumentException e) {
      throw e instanceof MalformedJobMessageException m ? m : new MalformedJobMessageException(e.getMessage());
    }
  }

  private static Optional<JobMessage.ChunkWork> work(Object work) {
    if (work == null) {
      return Optional.empty();
    }
    Map<String, Object> w = Fields.object(work, "work");
    Object body = Fields.object(w.get("body"), "work.body");
    return Optional.of(new JobMessage.ChunkWork(Fields.text(w, "kind"), CanonicalJson.write(body)));
  }

  private static Map<String, Object> spec(SimulationSpec spec) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", Map.of("path", spec.model().path().toString(), "sha256", spec.model().sha256()));
    List<Object> overrides = new ArrayList<>();
    for (ParameterOverride o : spec.overrides()) {
      overrides.add(Map.of("path", o.path(), "value", o.value()));
    }
    out.put("overrides", overrides);
    out.put("outputs", List.copyOf(spec.outputs()));
    List<Object> intervals = new ArrayList<>();
    for (OutputInterval i : spec.outputIntervals()) {
      intervals.add(Map.of("start", i.startTime(), "end", i.endTime(), "resolution", i.resolution()));
    }
    out.put("outputIntervals", intervals);
    out.put("solver", spec.solver().map(JobMessageCodec::solver).orElse(null));
    out.put("precision", spec.precision().name().toLowerCase(java.util.Locale.ROOT));
    return out;
  }

  private static Object solver(SolverSettings s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("absTol", s.absTol());
    out.put("relTol", s.relTol());
    out.put("useJacobian", s.useJacobian());
    out.put("h0", s.h0());
    out.put("hMin", s.hMin());
    out.put("hMax", s.hMax());
    out.put("mxStep", s.mxStep());
    out.put("checkNegativeValues", s.checkNegativeValues());
    return out;
  }

  private static SimulationSpec spec(Map<String, Object> in) {
    Map<String, Object> model = Fields.object(in.get("model"), "spec.model");
    Path path;
    try {
      path = Path.of(Fields.text(model, "path"));
    } catch (InvalidPathException e) {
      throw new MalformedJobMessageException("spec.model.path is not a path");
    }
    ModelRef ref = new ModelRef(path, Fields.text(model, "sha256"));
    List<ParameterOverride> overrides = new ArrayList<>();
    for (Object o : Fields.list(in, "overrides")) {
      Map<String, Object> override = Fields.object(o, "override");
      overrides.add(new ParameterOverride(Fields.text(override, "path"), Fields.number(override, "value")));
    }
    List<String> outputs = new ArrayList<>();
    for (Object o : Fields.list(in, "outputs")) {
      if (!(o instanceof String s)) {
        throw new MalformedJobMessageException("spec.outputs must hold strings");
      }
      outputs.add(s);
    }
    List<OutputInterval> intervals = new ArrayList<>();
    for (Object o : Fields.list(in, "outputIntervals")) {
      Map<String, Object> i = Fields.object(o, "output interval");
      intervals.add(new OutputInterval(Fields.number(i, "start"), Fields.number(i, "end"), Fields.number(i, "resolution")));
    }
    Object solver = in.get("solver");
    Optional<SolverSettings> settings = solver == null ? Optional.empty() : Optional.of(solver(Fields.object(solver, "spec.solver")));
    String precision = Fields.text(in, "precision");
    ResultPrecision parsedPrecision = switch (precision) {
      case "float32" -> ResultPrecision.FLOAT32;
      case "full" -> ResultPrecision.FULL;
      default -> throw new MalformedJobMessageException("spec.precision must be float32 or full, not " + precision);
    };
    return new SimulationSpec(ref, overrides, outputs, intervals, settings, parsedPrecision);
  }

  private static SolverSettings solver(Map<String, Object> s) {
    return new SolverSettings(Fields.number(s, "absTol"), Fields.number(s, "relTol"), Fields.bool(s, "useJacobian"),
        Fields.number(s, "h0"), Fields.number(s, "hMin"), Fields.number(s, "hMax"), Fields.integer(s, "mxStep"),
        Fields.bool(s, "checkNegativeValues"));
  }
}
