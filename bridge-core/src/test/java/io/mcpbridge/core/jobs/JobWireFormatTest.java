package io.mcpbridge.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.OutputInterval;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.ResultPrecision;
import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.SolverSettings;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.model.WorkerReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Job messages and worker reports survive the wire exactly, and malformed input is refused. */
class JobWireFormatTest {
  private static final ModelRef MODEL = new ModelRef(Path.of("/models/iv bolus \"ü\".pkml"), "ab".repeat(32));

  @Test
  void givenAFullMessage_encodeDecode_returnsAnEqualMessageWithOverridesInOrder() {
    SimulationSpec spec = new SimulationSpec(MODEL,
        List.of(new ParameterOverride("Organism|Liver|Volume", 2.0), new ParameterOverride("Organism|Liver|Volume", 0.1 + 0.2),
            new ParameterOverride("Applications|Dose", 1e-300), new ParameterOverride("A|B", 123456789012345678.0)),
        List.of("Organism|Central|Drug|Concentration"), List.of(new OutputInterval(0, 1440, 0.25)),
        Optional.of(new SolverSettings(1e-10, 1e-5, false, 1e-9, 0, 30, 50_000, false)), ResultPrecision.FULL);
    JobMessage message = new JobMessage(JobId.random(), 3, new SimulationId("sim"), 7, spec, Duration.ofMillis(90_500),
        "corr-1", Optional.of(new JobMessage.Chunk(2, 5)));

    JobMessage back = JobMessageCodec.decode(JobMessageCodec.encode(message));

    assertThat(back).isEqualTo(message);
    assertThat(back.spec().overrides().get(1).value()).isEqualTo(0.30000000000000004);
  }

  @Test
  void givenAnotherVersionOrAnUnknownField_decode_refusesNamingIt() {
    String wire = JobMessageCodec.encode(new JobMessage(JobId.random(), 1, new SimulationId("s"), 1, SimulationSpec.of(MODEL),
        Duration.ofSeconds(1), "c", Optional.empty()));

    assertThatThrownBy(() -> JobMessageCodec.decode(wire.replace("\"v\":1", "\"v\":3")))
        .isInstanceOf(MalformedJobMessageException.class).hasMessageContaining("version 3");
    assertThatThrownBy(() -> JobMessageCodec.decode(wire.replace("\"v\":1", "\"v\":2")))
        .isInstanceOf(MalformedJobMessageException.class).hasMessageContaining("needs 'chunk' and 'work'");
    assertThatThrownBy(() -> JobMessageCodec.decode(wire.replace("{\"attempt\"", "{\"priority\":1,\"attempt\"")))
        .isInstanceOf(MalformedJobMessageException.class).hasMessageContaining("priority");
    assertThatThrownBy(() -> JobMessageCodec.decode(wire.replace("\"attempt\":1", "\"attempt\":\"1\"")))
        .isInstanceOf(MalformedJobMessageException.class).hasMessageContaining("attempt");
    assertThatThrownBy(() -> JobMessageCodec.decode("not json")).isInstanceOf(MalformedJobMessageException.class);
  }

  @Test
  void givenASucceededReport_encodeDecode_keepsEveryValueBitForBit() {
    double[] times = {0, 0.5, 1};
    double[] values = {Double.NaN, -0.0, Double.MIN_VALUE};
    SimulationResult result = new SimulationResult(MODEL, times, List.of(new TimeSeries("A|B", "Concentration (molar)", values)),
        new RunStatistics(1, 2, 3, 4, 5, Duration.ofNanos(123_456_789)));
    WorkerReport report = WorkerReport.succeeded(JobId.random(), 2, "host:1", Instant.ofEpochMilli(1_700_000_000_123L), result);

    WorkerReport back = WorkerReportCodec.decode(WorkerReportCodec.encode(report));

    assertThat(back.jobId()).isEqualTo(report.jobId());
    assertThat(back.attempt()).isEqualTo(2);
    assertThat(back.kind()).isEqualTo(WorkerReport.Kind.SUCCEEDED);
    assertThat(back.at()).isEqualTo(report.at());
    SimulationResult r = back.result().orElseThrow();
    assertThat(r.model()).isEqualTo(MODEL);
    assertThat(r.times()).containsExactly(times);
    assertThat(Arrays.stream(r.series().get(0).values()).mapToLong(Double::doubleToRawLongBits).toArray())
        .containsExactly(Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray());
    assertThat(r.statistics()).isEqualTo(result.statistics());
  }

  @Test
  void givenProgressAndFailureReports_encodeDecode_returnsEqualReports() {
    WorkerReport progress = WorkerReport.progress(JobId.random(), 1, "w", Instant.ofEpochMilli(5), new JobEvent.Progress(12.5, 1440));
    WorkerReport failed = WorkerReport.ended(JobId.random(), 1, WorkerReport.Kind.FAILED, "w", Instant.ofEpochMilli(5),
        new JobFailure("NotFound", "model \"x\" missing\n", false));

    assertThat(WorkerReportCodec.decode(WorkerReportCodec.encode(progress))).isEqualTo(progress);
    assertThat(WorkerReportCodec.decode(WorkerReportCodec.encode(failed))).isEqualTo(failed);
  }

  @Test
  void givenTruncatedOrForeignBytes_decode_refusesWithoutHugeAllocations() {
    byte[] wire = WorkerReportCodec.encode(WorkerReport.started(JobId.random(), 1, "w", Instant.EPOCH));

    assertThatThrownBy(() -> WorkerReportCodec.decode(Arrays.copyOf(wire, wire.length - 3)))
        .isInstanceOf(MalformedJobMessageException.class);
    assertThatThrownBy(() -> WorkerReportCodec.decode("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedJobMessageException.class);
    byte[] corrupt = wire.clone();
    corrupt[4] = 0x7f; // header length far beyond the bytes present
    assertThatThrownBy(() -> WorkerReportCodec.decode(corrupt)).isInstanceOf(MalformedJobMessageException.class);
  }

  @Test
  void givenAChunkMessage_encodeDecode_keepsItsWorkAndIsWrittenAsVersion2_whileWholeJobsStayVersion1() {
    String body = "{\"first\":10,\"ids\":[11,12],\"paths\":[\"A|B\"],\"values\":[[0.30000000000000004],[2]]}";
    JobMessage chunk = new JobMessage(JobId.random(), 2, new SimulationId("s"), 1, SimulationSpec.of(MODEL),
        Duration.ofSeconds(5), "c", Optional.of(new JobMessage.Chunk(1, 3)),
        Optional.of(new JobMessage.ChunkWork("population", body)));

    String wire = JobMessageCodec.encode(chunk);

    assertThat(wire).startsWith("{\"attempt\":2,").contains("\"v\":2").contains("\"work\":{\"body\":{\"first\":10");
    assertThat(JobMessageCodec.decode(wire)).isEqualTo(chunk);
    assertThat(JobMessageCodec.encode(new JobMessage(JobId.random(), 1, new SimulationId("s"), 1, SimulationSpec.of(MODEL),
        Duration.ofSeconds(5), "c", Optional.of(new JobMessage.Chunk(0, 3))))).contains("\"v\":1").doesNotContain("work");
    assertThatThrownBy(() -> JobMessageCodec.decode(wire.replace("\"v\":2", "\"v\":1")))
        .isInstanceOf(MalformedJobMessageException.class).hasMessageContaining("unknown field 'work'");
  }

  @Test
  void givenAChunkReport_encodeDecode_keepsTheChunkAndItsOutputBytes() {
    byte[] output = {0, 1, 2, (byte) 0xff, 42};
    WorkerReport succeeded = new WorkerReport(JobId.random(), 1, WorkerReport.Kind.SUCCEEDED, "w", Instant.ofEpochMilli(5),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(new WorkerReport.ChunkReport(2, 4, output)));
    WorkerReport progress = WorkerReport.progress(JobId.random(), 1, "w", Instant.ofEpochMilli(6),
        new JobEvent.Progress(3, 25)).ofChunk(new JobMessage.Chunk(0, 4), new byte[0]);

    WorkerReport back = WorkerReportCodec.decode(WorkerReportCodec.encode(succeeded));
    WorkerReport progressBack = WorkerReportCodec.decode(WorkerReportCodec.encode(progress));

    assertThat(back.kind()).isEqualTo(WorkerReport.Kind.SUCCEEDED);
    assertThat(back.chunk().orElseThrow().index()).isEqualTo(2);
    assertThat(back.chunk().orElseThrow().count()).isEqualTo(4);
    assertThat(back.chunk().orElseThrow().output()).containsExactly(output);
    assertThat(progressBack.progress()).contains(new JobEvent.Progress(3, 25));
    assertThat(progressBack.chunk().orElseThrow().output()).isEmpty();
    byte[] truncated = java.util.Arrays.copyOf(WorkerReportCodec.encode(succeeded), WorkerReportCodec.encode(succeeded).length - 2);
    assertThatThrownBy(() -> WorkerReportCodec.decode(truncated)).isInstanceOf(MalformedJobMessageException.class);
  }
}
