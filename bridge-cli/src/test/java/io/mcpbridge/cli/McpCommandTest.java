package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.core.config.Environment;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.mcp.McpServices;
import io.mcpbridge.testkit.tools.FakeBridgeTools;
import io.mcpbridge.testkit.tools.FakeJobs;
import io.mcpbridge.testkit.tools.RecordingAudit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** bridge mcp: role rules and the stdio session for the local user. */
class McpCommandTest {

  @Test
  void role_defaultsToOperatorOnlyInDevelopmentLocalAndTest() {
    assertThat(McpCommand.roleFor(Optional.empty(), Environment.DEVELOPMENT)).isEqualTo(Role.OPERATOR);
    assertThat(McpCommand.roleFor(Optional.empty(), Environment.TEST)).isEqualTo(Role.OPERATOR);
    assertThat(McpCommand.roleFor(Optional.of("viewer"), Environment.PRODUCTION)).isEqualTo(Role.VIEWER);
    assertThatThrownBy(() -> McpCommand.roleFor(Optional.empty(), Environment.PRODUCTION))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("--role is required");
    assertThatThrownBy(() -> McpCommand.roleFor(Optional.of("root"), Environment.DEVELOPMENT))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void viewerOverStdio_listsNoOperatorTools_andGarbageDoesNotEndTheSession() throws Exception {
    FakeJobs jobs = new FakeJobs();
    McpServices services = new McpServices(new FakeBridgeTools(jobs, Clock.systemUTC(), Duration.ZERO), jobs, new io.mcpbridge.core.service.RegistryJobFollower(jobs, jobs),
        new RecordingAudit(), Clock.systemUTC());
    String input = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"}}\n"
        + "garbage\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    McpCommand.serve(services, Principal.localUser("me", Role.VIEWER), "t", 1 << 20,
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);

    ObjectMapper json = new ObjectMapper();
    JsonNode tools = null;
    int parseErrors = 0;
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      JsonNode m = json.readTree(line);
      if (m.path("id").asInt() == 2) {
        tools = m.path("result").path("tools");
      }
      if (m.path("error").path("code").asInt() == -32700) {
        parseErrors++;
      }
    }
    assertThat(parseErrors).isEqualTo(1);
    assertThat(tools).isNotNull();
    assertThat(tools.findValuesAsText("name")).contains("list_parameters").doesNotContain("run_simulation");
  }
}
