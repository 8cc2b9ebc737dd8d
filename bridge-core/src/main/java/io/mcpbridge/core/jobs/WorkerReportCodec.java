package io.mcpbridge.core.jobs;

import io.mcpbridge.core.audit.CanonicalJson;
import io.mcpbridge.core.audit.JsonText;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.model.WorkerReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one encoding of {@link WorkerReport}: a small canonical-JSON header followed, for a
 * succeeded report, by the result in binary (IEEE-754 doubles as they are, so values cross
 * processes bit for bit — NaN and infinities included — and a large result costs 8 bytes a value).
 * Stateless and thread-safe.
 *
 * <p>Layout, version 1 (big-endian): {@code "BWR"} {@code 0x01}, int header length, header UTF-8
 * JSON {@code {"jobId","attempt","kind","worker","atMs","progress":null|{"simulatedTime","endTime"},
 * "failure":null|{"code","message","retryable"}}}, byte hasResult, then if 1: model path (int
 * length + UTF-8), sha256 (same), int n, n doubles of times, int series count, per series path,
 * dimension, n doubles; steps, rhs, jacobian, error-test and convergence failures (longs) and wall
 * time in nanoseconds (long).
 *
 * <p>Version 2 ({@code "BWR"} {@code 0x02}) is a report about one chunk of a split job: the header
 * adds {@code "chunk":{"index","count"}} and the bytes end with the chunk's output (int length +
 * bytes, in the encoding of the chunk's kind; empty unless it succeeded). Reports of jobs that run
 * whole are still written as version 1.
 */
public final class WorkerReportCodec {
  private static final byte[] MAGIC = {'B', 'W', 'R', 1};
  private static final byte[] CHUNK_MAGIC = {'B', 'W', 'R', 2};
  /** Refuse absurd sizes before allocating (a corrupt length must not exhaust memory). */
  private static final int MAX_ITEMS = 200_000_000;

  private WorkerReportCodec() {}

  /** The wire bytes of a report. */
  public static byte[] encode(WorkerReport r) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(r.chunk().isPresent() ? CHUNK_MAGIC : MAGIC);
      writeText(out, CanonicalJson.write(header(r)));
      out.writeBoolean(r.result().isPresent());
      if (r.result().isPresent()) {
        writeResult(out, r.result().get());
      }
      if (r.chunk().isPresent()) {
        byte[] output = r.chunk().get().output();
        out.writeInt(output.length);
        out.write(output);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a report.
   *
   * @throws MalformedJobMessageException if the bytes are not a version 1 report
   */
  public static WorkerReport decode(byte[] wire) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(wire));
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      boolean chunked = java.util.Arrays.equals(magic, CHUNK_MAGIC);
      if (!chunked && !java.util.Arrays.equals(magic, MAGIC)) {
        throw new MalformedJobMessageException("not a version 1 or 2 worker report");
      }
      Map<String, Object> h = Fields.object(JsonText.parse(readText(in)), "report header");
      Optional<SimulationResult> result = in.readBoolean() ? Optional.of(readResult(in)) : Optional.empty();
      Optional<WorkerReport.ChunkReport> chunk = Optional.empty();
      if (chunked) {
        int n = count(in.readInt());
        if (n > in.available()) {
          throw new MalformedJobMessageException("truncated worker report");
        }
        byte[] output = new byte[n];
        in.readFully(output);
        Map<String, Object> c = Fields.object(h.get("chunk"), "chunk");
        chunk = Optional.of(new WorkerReport.ChunkReport((int) Fields.integer(c, "index"), (int) Fields.integer(c, "count"),
            output));
      }
      if (in.available() > 0) {
        throw new MalformedJobMessageException("trailing bytes after the worker report");
      }
      Object progress = h.get("progress");
      Object failure = h.get("failure");
      return new WorkerReport(new JobId(Fields.text(h, "jobId")), (int) Fields.integer(h, "attempt"),
          kind(Fields.text(h, "kind")), Fields.text(h, "worker"), Instant.ofEpochMilli(Fields.integer(h, "atMs")),
          progress == null ? Optional.empty() : Optional.of(new JobEvent.Progress(
              Fields.number(Fields.object(progress, "progress"), "simulatedTime"),
              Fields.number(Fields.object(progress, "progress"), "endTime"))),
          failure == null ? Optional.empty() : Optional.of(new JobFailure(
              Fields.text(Fields.object(failure, "failure"), "code"), Fields.text(Fields.object(failure, "failure"), "message"),
              Fields.bool(Fields.object(failure, "failure"), "retryable"))),
          result, chunk);
    } catch (IOException e) {
      throw new MalformedJobMessageException("truncated worker report");
    } catch (MalformedJobMessageException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new MalformedJobMessageException("malformed worker report: " + e.getMessage());
    }
  }

  private static Map<String, Object> header(WorkerReport r) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("jobId", r.jobId().value());
    h.put("attempt", r.attempt());
    h.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
    h.put("worker", r.worker());
    h.put("atMs", r.at().toEpochMilli());
    h.put("progress", r.progress().map(p -> (Object) Map.of("simulatedTime", finite(p.simulatedTime()),
        "endTime", finite(p.endTime()))).orElse(null));
    h.put("failure", r.failure().map(f -> (Object) Map.of("code", f.code(), "message", f.message(),
        "retryable", f.retryable())).orElse(null));
    r.chunk().ifPresent(c -> h.put("chunk", Map.of("index", c.index(), "count", c.count())));
    return h;
  }

  private static double finite(double d) {
    return Double.isFinite(d) ? d : 0;
  }

  private static WorkerReport.Kind kind(String text) {
    try {
      return WorkerReport.Kind.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new MalformedJobMessageException("unknown report kind " + text);
    }
  }

  private static void writeResult(DataOutputStream out, SimulationResult r) throws IOException {
    writeText(out, r.model().path().toString());
    writeText(out, r.model().sha256());
    writeDoubles(out, r.times());
    out.writeInt(r.series().size());
    for (TimeSeries s : r.series()) {
      writeText(out, s.path());
      writeText(out, s.dimension());
      writeDoubles(out, s.values());
    }
    RunStatistics st = r.statistics();
    out.writeLong(st.steps());
    out.writeLong(st.rhsEvaluations());
    out.writeLong(st.jacobianEvaluations());
    out.writeLong(st.errorTestFailures());
    out.writeLong(st.convergenceFailures());
    out.writeLong(st.wallTime().toNanos());
  }

  private static SimulationResult readResult(DataInputStream in) throws IOException {
    ModelRef model = new ModelRef(Path.of(readText(in)), readText(in));
    double[] times = readDoubles(in);
    int count = count(in.readInt());
    List<TimeSeries> series = new ArrayList<>(Math.min(count, 1024));
    for (int i = 0; i < count; i++) {
      series.add(new TimeSeries(readText(in), readText(in), readDoubles(in)));
    }
    RunStatistics stats = new RunStatistics(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
        Duration.ofNanos(in.readLong()));
    return new SimulationResult(model, times, series, stats);
  }

  private static void writeText(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readText(DataInputStream in) throws IOException {
    int n = count(in.readInt());
    if (n > in.available()) {
      throw new MalformedJobMessageException("truncated worker report");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    out.writeInt(values.length);
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    int n = count(in.readInt());
    if (n > in.available() / Double.BYTES) {
      throw new MalformedJobMessageException("truncated worker report");
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }

  private static int count(int n) {
    if (n < 0 || n > MAX_ITEMS) {
      throw new MalformedJobMessageException("corrupt length " + n + " in a worker report");
    }
    return n;
  }
}
