package io.mcpbridge.testkit;

import io.mcpbridge.core.model.IdempotencyKey;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.OutputInterval;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.model.ResultPrecision;
import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.SolverSettings;
import io.mcpbridge.core.model.StoredResult;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.model.TimeSeries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** Builders of valid simulations, jobs and results for tests of job-related code. */
public final class JobFixtures {
  /** The model every fixture refers to. */
  public static final ModelRef MODEL =
      new ModelRef(Path.of("/models/midazolam.pkml"), "ab".repeat(32));

  private JobFixtures() {}

  /** A spec with an override, an output selection, an output grid, solver settings and full precision. */
  public static SimulationSpec aDetailedSpec() {
    return SimulationSpec.of(MODEL)
        .withOverride(new ParameterOverride("Organism|Weight", 73.25))
        .withOverride(new ParameterOverride("Organism|Liver|Volume", 1.0 / 3.0))
        .withOutputs(List.of("Organism|PeripheralVenousBlood|Midazolam|Plasma (Peripheral Venous Blood)"))
        .withOutputIntervals(List.of(new OutputInterval(0, 60, 4), new OutputInterval(60, 1440, 0.25)))
        .withSolver(SolverSettings.ospDefaults().withTolerances(1e-10, 1e-5))
        .withPrecision(ResultPrecision.FULL);
  }

  /** Revision {@code revision} of simulation {@code id}, owned by {@code owner}. */
  public static StoredSimulation aSimulation(SimulationId id, int revision, String owner, Instant at) {
    SimulationSpec spec = aDetailedSpec().withOverride(new ParameterOverride("Organism|Age", 30 + revision));
    return new StoredSimulation(id, revision, spec, owner, at);
  }

  /** A fresh queued job of {@code owner}, with one retry and a ten-minute timeout. */
  public static Job aQueuedJob(String owner, Instant at) {
    return Job.queued(JobId.random(), owner, SimulationId.random(), 1, 1, Duration.ofMinutes(10), at);
  }

  /** An idempotency key of {@code owner} for arguments whose canonical form is {@code arguments}. */
  public static IdempotencyKey aKey(String owner, String key, String arguments) {
    return new IdempotencyKey(owner, key, sha256Like(arguments));
  }

  /**
   * A result of {@code jobId} with {@code points} output times and two series; the first series
   * carries NaN, both infinities, -0.0 and subnormal values so that storage must be bit-exact.
   */
  public static StoredResult aResult(JobId jobId, int points, Instant at) {
    double[] times = new double[points];
    double[] plasma = new double[points];
    double[] liver = new double[points];
    for (int i = 0; i < points; i++) {
      times[i] = i * 0.1;
      plasma[i] = Math.exp(-i / 7.0) / 3.0;
      liver[i] = Math.sin(i) * 1e-300;
    }
    double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
        Double.MIN_VALUE, Double.MAX_VALUE, Double.longBitsToDouble(0x7ff8_0000_0000_0001L)};
    for (int i = 0; i < special.length && i < points; i++) {
      plasma[i] = special[i];
    }
    SimulationResult result = new SimulationResult(MODEL, times,
        List.of(new TimeSeries("Organism|Plasma", "Concentration (molar)", plasma),
            new TimeSeries("Organism|Liver", "Amount", liver)),
        new RunStatistics(812, 1034, 17, 3, 1, Duration.ofNanos(123_456_789)));
    return new StoredResult(ResultId.random(), jobId, SimulationId.random(), 2, result, at);
  }

  private static String sha256Like(String arguments) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(arguments.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
