package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridge call run_simulation} in-process: the command follows its job to the end through the
 * job follower and says how it ended; the result is in the registry for the next command.
 */
class CallInProcessIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  private Map<String, String> env() {
    return Map.of(
        "ENVIRONMENT", "test",
        "MCP_MODEL_SEARCH_PATHS", Path.of("..", "models").toAbsolutePath().normalize().toString(),
        "JOB_REGISTRY_PATH", work.resolve("registry.db").toString(),
        "AUDIT_STORAGE_PATH", work.resolve("audit").toString(),
        "POPULATION_STORAGE_PATH", work.resolve("population").toString(),
        "LOG_LEVEL", "WARN");
  }

  @Test
  void runSimulationWaitsForItsJobAndReportsTheResult() throws Exception {
    BridgeProcess.Outcome load = BridgeProcess.run(work, env(), "call", "load_simulation", "--yes",
        "--arg", "filePath=one_compartment_iv_bolus.pkml", "--arg", "simulationId=call-it");
    assertThat(load.exitCode()).as(load.stderr()).isZero();

    BridgeProcess.Outcome run = BridgeProcess.run(work, env(), "call", "run_simulation", "--yes",
        "--arg", "simulationId=call-it");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    String jobId = JSON.readTree(run.stdout()).get("jobId").asText();
    assertThat(run.stderr()).contains("job " + jobId + " succeeded; resultsId ");
    String resultsId = run.stderr().substring(run.stderr().indexOf("resultsId ") + "resultsId ".length()).trim();

    BridgeProcess.Outcome status = BridgeProcess.run(work, env(), "call", "get_job_status", "--arg", "jobId=" + jobId);
    assertThat(status.exitCode()).as(status.stderr()).isZero();
    JsonNode job = JSON.readTree(status.stdout());
    assertThat(job.path("status").asText()).isEqualTo("succeeded");
    assertThat(status.stdout()).contains(resultsId);
  }
}
