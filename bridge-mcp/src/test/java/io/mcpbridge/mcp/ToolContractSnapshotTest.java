package io.mcpbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mcpbridge.core.config.AuditSettings;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.service.BridgeTools;
import io.mcpbridge.core.service.ToolInvoker;
import io.mcpbridge.core.units.UnitCatalog;
import io.mcpbridge.testkit.tools.FakeJobs;
import io.mcpbridge.testkit.tools.RecordingAudit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tool contract agents see (tools/list of the real catalog, per role) is committed under
 * src/test/resources/snapshots. A schema change fails here until the snapshot is deliberately
 * updated: {@code mvn -pl bridge-mcp test -Dtest=ToolContractSnapshotTest -Dmcp.snapshots.update=true}.
 */
class ToolContractSnapshotTest {
  private static final Path SNAPSHOTS = Path.of("src", "test", "resources", "snapshots");

  @ParameterizedTest
  @EnumSource(Role.class)
  void toolsListOfTheRealCatalog_matchesTheCommittedSnapshot(Role role) throws Exception {
    ObjectMapper json = BridgeJson.mapper().enable(SerializationFeature.INDENT_OUTPUT);
    FakeJobs jobs = new FakeJobs();
    // Listing reads descriptors only: the tools' collaborators are never called.
    ToolInvoker catalog = new ToolInvoker(BridgeTools.withPopulations(BridgeTools.standard(null, null, null, null, null,
        UnitCatalog.standard(), Duration.ofMinutes(10), 0, Clock.systemUTC(),
        (chart, format, size) -> new byte[0]), null, null, null, null,
        UnitCatalog.standard(), Duration.ofMinutes(10), Clock.systemUTC()), new RecordingAudit(),
        AuditSettings.FailMode.CLOSED, Clock.systemUTC());
    McpServer server = new McpServer(BridgeMcp.info("snapshot"),
        BridgeMcp.features(new McpServices(catalog, jobs, new io.mcpbridge.core.service.RegistryJobFollower(jobs, jobs), new RecordingAudit(), Clock.systemUTC()), json), json);
    Principal caller = Principal.localUser("snapshot", role);
    McpSession session = McpSession.open(caller, Instant.now());
    server.handle(session, caller, json.readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
        + "{\"protocolVersion\":\"2025-11-25\"}}"), Channel.none(), "s");

    JsonNode tools = server.handle(session, caller, json.readTree("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"),
        Channel.none(), "s").orElseThrow().path("result");
    String actual = json.writeValueAsString(tools) + "\n";

    Path file = SNAPSHOTS.resolve("tools-" + role.wireName() + ".json");
    if (Boolean.getBoolean("mcp.snapshots.update")) {
      Files.createDirectories(SNAPSHOTS);
      Files.writeString(file, actual);
    }
    assertThat(file).as("snapshot %s (create it with -Dmcp.snapshots.update=true)", file).exists();
    assertThat(actual).as("tools/list for %s changed; review and update the snapshot deliberately", role)
        .isEqualTo(Files.readString(file));
  }
}
