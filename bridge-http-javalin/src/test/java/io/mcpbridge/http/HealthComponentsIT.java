package io.mcpbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.testkit.tools.FakeBridgeTools;
import io.mcpbridge.testkit.tools.FakeJobs;
import io.mcpbridge.testkit.tools.RecordingAudit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code /health} reports further components (the job broker) and is degraded while one is not ok. */
class HealthComponentsIT {

  @Test
  void givenABrokerComponent_health_reportsItsStateAndDegradesWhileItIsDown() throws Exception {
    FakeJobs jobs = new FakeJobs();
    AtomicReference<String> broker = new AtomicReference<>("ok");
    RunningServer server = JavalinHttpApp.start(new HttpSettings("127.0.0.1", 0, 64 * 1024, "mcp-bridge", "it", "test"),
        new HttpServices(new FakeBridgeTools(jobs, Clock.systemUTC(), Duration.ofMillis(20)),
            new Authenticator(Optional.empty(), true, Optional.empty()), jobs, new io.mcpbridge.core.service.RegistryJobFollower(jobs, jobs), new RecordingAudit(), Clock.systemUTC(),
            List.of(() -> Map.of("jobBroker", broker.get()))),
        Optional.empty());
    try {
      JsonNode up = health(server.port());
      broker.set("unreachable");
      JsonNode down = health(server.port());

      assertThat(up.path("status").asText()).isEqualTo("ok");
      assertThat(up.path("components").path("jobBroker").asText()).isEqualTo("ok");
      assertThat(down.path("status").asText()).isEqualTo("degraded");
      assertThat(down.path("components").path("jobBroker").asText()).isEqualTo("unreachable");
      assertThat(down.path("components").path("audit").asText()).isEqualTo("ok");
    } finally {
      server.close();
    }
  }

  private static JsonNode health(int port) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }
}
