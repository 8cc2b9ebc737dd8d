package io.mcpbridge.core.population;

import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.TimeSeries;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a worker sends back for one chunk of a population: per individual its time series (the
 * chunk's outputs, at 32-bit precision) or the reason it failed. PK parameters and statistics are
 * computed by the API from these series while it gathers the chunks, with the very code the
 * thread backend uses, so both backends write the same files byte for byte.
 *
 * <p>Binary, big-endian (the output of a succeeded chunk report, see
 * {@code docs/jobs-wire-format.md}): {@code "BPC"} {@code 0x01}; int output count, per output its
 * path and dimension (int length + UTF-8); int individual count; per individual: int position, int
 * id, byte status. Status 1 = failed: the reason (int length + UTF-8). Status 0 = succeeded: byte
 * 1 if its times equal the previous succeeded individual's, else int n and n floats; then n floats
 * per output. Floats are exact: the runs are at 32-bit precision.
 *
 * @param outputs reported quantity paths, in series order
 * @param dimensions their dimensions
 * @param individuals in population order
 */
public record PopulationChunkResult(List<String> outputs, List<String> dimensions, List<Individual> individuals) {
  private static final byte[] MAGIC = {'B', 'P', 'C', 1};
  /** Refuse absurd sizes before allocating (a corrupt length must not exhaust memory). */
  private static final int MAX_ITEMS = 100_000_000;

  public PopulationChunkResult {
    outputs = List.copyOf(outputs);
    dimensions = List.copyOf(dimensions);
    individuals = List.copyOf(individuals);
    if (outputs.size() != dimensions.size()) {
      throw new IllegalArgumentException("one dimension per output");
    }
    for (Individual i : individuals) {
      if (i.failure() == null && i.series().size() != outputs.size()) {
        throw new IllegalArgumentException("individual " + i.id() + " needs one series per output");
      }
    }
  }

  /**
   * One individual's outcome.
   *
   * @param position 0-based position in the population
   * @param id its {@code IndividualId}
   * @param times output times (null if it failed)
   * @param series one value array per output, each as long as {@code times} (empty if it failed)
   * @param failure why it failed, or null
   */
  public record Individual(int position, int id, double[] times, List<double[]> series, String failure) {
    public Individual {
      series = List.copyOf(series);
      if ((failure == null) == (times == null)) {
        throw new IllegalArgumentException("an individual has either a result or a failure");
      }
    }

    /** A succeeded individual. */
    public static Individual succeeded(int position, int id, SimulationResult result) {
      return new Individual(position, id, result.times(), result.series().stream().map(TimeSeries::values).toList(), null);
    }

    /** A failed individual. */
    public static Individual failed(int position, int id, String reason) {
      return new Individual(position, id, null, List.of(), Objects.requireNonNull(reason, "reason"));
    }
  }

  /** The outcome as the thread backend's writer takes it. */
  PopulationOutputs.Outcome outcome(Individual i, ModelRef model) {
    if (i.failure() != null) {
      return new PopulationOutputs.Outcome(null, new IndividualFailure(i.id(), i.failure()));
    }
    List<TimeSeries> series = new ArrayList<>(outputs.size());
    for (int o = 0; o < outputs.size(); o++) {
      series.add(new TimeSeries(outputs.get(o), dimensions.get(o), i.series().get(o)));
    }
    return new PopulationOutputs.Outcome(new SimulationResult(model, i.times(), series,
        new RunStatistics(0, 0, 0, 0, 0, Duration.ZERO)), null);
  }

  /** The wire bytes. */
  public byte[] encode() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(MAGIC);
      out.writeInt(outputs.size());
      for (int o = 0; o < outputs.size(); o++) {
        writeText(out, outputs.get(o));
        writeText(out, dimensions.get(o));
      }
      out.writeInt(individuals.size());
      double[] previousTimes = null;
      for (Individual i : individuals) {
        out.writeInt(i.position());
        out.writeInt(i.id());
        if (i.failure() != null) {
          out.writeByte(1);
          writeText(out, i.failure());
          continue;
        }
        out.writeByte(0);
        boolean same = Arrays.equals(previousTimes, i.times());
        out.writeBoolean(same);
        if (!same) {
          out.writeInt(i.times().length);
          writeFloats(out, i.times());
        }
        for (double[] s : i.series()) {
          writeFloats(out, s);
        }
        previousTimes = i.times();
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a chunk's output.
   *
   * @throws IllegalArgumentException if the bytes are not a version 1 chunk result
   */
  public static PopulationChunkResult decode(byte[] wire) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(wire));
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IllegalArgumentException("not a version 1 population chunk result");
      }
      int outputCount = count(in.readInt(), in, 8);
      List<String> outputs = new ArrayList<>(outputCount);
      List<String> dimensions = new ArrayList<>(outputCount);
      for (int o = 0; o < outputCount; o++) {
        outputs.add(readText(in));
        dimensions.add(readText(in));
      }
      int n = count(in.readInt(), in, 9);
      List<Individual> individuals = new ArrayList<>(n);
      double[] previousTimes = null;
      for (int k = 0; k < n; k++) {
        int position = in.readInt();
        int id = in.readInt();
        byte status = in.readByte();
        if (status == 1) {
          individuals.add(Individual.failed(position, id, readText(in)));
          continue;
        }
        if (status != 0) {
          throw new IllegalArgumentException("corrupt individual status " + status + " in a population chunk result");
        }
        boolean same = in.readBoolean();
        double[] times;
        if (same) {
          if (previousTimes == null) {
            throw new IllegalArgumentException("a population chunk result refers to times it has not sent");
          }
          times = previousTimes;
        } else {
          times = readFloats(in, count(in.readInt(), in, Float.BYTES));
        }
        List<double[]> series = new ArrayList<>(outputCount);
        for (int o = 0; o < outputCount; o++) {
          series.add(readFloats(in, times.length));
        }
        individuals.add(new Individual(position, id, times, series, null));
        previousTimes = times;
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException("trailing bytes after a population chunk result");
      }
      return new PopulationChunkResult(outputs, dimensions, individuals);
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated population chunk result");
    }
  }

  private static void writeText(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readText(DataInputStream in) throws IOException {
    byte[] b = new byte[count(in.readInt(), in, 1)];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void writeFloats(DataOutputStream out, double[] values) throws IOException {
    for (double v : values) {
      out.writeFloat((float) v);
    }
  }

  private static double[] readFloats(DataInputStream in, int n) throws IOException {
    if (n > in.available() / Float.BYTES) {
      throw new IllegalArgumentException("truncated population chunk result");
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = in.readFloat();
    }
    return values;
  }

  /** A length that fits in what is left of the input, {@code minBytes} per item. */
  private static int count(int n, DataInputStream in, int minBytes) throws IOException {
    if (n < 0 || n > MAX_ITEMS || (long) n * minBytes > in.available()) {
      throw new IllegalArgumentException("corrupt length " + n + " in a population chunk result");
    }
    return n;
  }
}
