package io.mcpbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.testkit.tools.FakeBridgeTools;
import io.mcpbridge.testkit.tools.FakeJobs;
import io.mcpbridge.testkit.tools.RecordingAudit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /jobs/{id}/events} streams server-sent events whatever the client's {@code Accept}
 * header says: {@code curl -N} without {@code Accept: text/event-stream} gets the same stream.
 */
class JobEventStreamIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private final FakeJobs jobs = new FakeJobs();
  private RunningServer server;

  @BeforeEach
  void start() {
    io.mcpbridge.core.port.TokenVerifier verifier = token -> {
      if (token.equals("viewer-token")) {
        return Principal.localUser("victor", Role.VIEWER);
      }
      throw new AuthenticationException("unknown token");
    };
    Authenticator auth = new Authenticator(Optional.of(verifier), false, Optional.empty());
    server = JavalinHttpApp.start(new HttpSettings("127.0.0.1", 0, 64 * 1024, "mcp-bridge", "it", "test"),
        new HttpServices(new FakeBridgeTools(jobs, Clock.systemUTC(), Duration.ofMillis(20)), auth, jobs, new io.mcpbridge.core.service.RegistryJobFollower(jobs, jobs),
            new RecordingAudit(), Clock.systemUTC()),
        Optional.empty());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "*/*", "application/json", "text/event-stream"})
  void givenAnyAcceptHeader_events_streamEveryEventUntilTheTerminalOne(String accept) throws Exception {
    JobId id = finishedJob();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/jobs/" + id.value() + "/events")).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer viewer-token");
    if (!accept.isEmpty()) {
      request.header("Accept", accept);
    }

    HttpResponse<String> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
    List<String> ids = response.body().lines().filter(l -> l.startsWith("id:")).map(l -> l.substring(3).trim()).toList();
    List<String> names = response.body().lines().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).trim()).toList();
    assertThat(ids).containsExactly("1", "2", "3");
    assertThat(names).containsExactly("state", "state", "state");
    assertThat(response.body()).contains("\"status\":\"succeeded\"");
  }

  private JobId finishedJob() {
    Instant now = Instant.now();
    Job queued = Job.queued(JobId.random(), "victor", new SimulationId("s1"), 1, 0, Duration.ofMinutes(1), now);
    jobs.createJob(queued, Optional.empty());
    Job running = queued.startedAttempt(now);
    jobs.updateJob(running, Set.of(JobState.QUEUED), Optional.of("attempt 1 started"));
    jobs.updateJob(running.succeeded(io.mcpbridge.core.model.ResultId.random(), now), Set.of(JobState.RUNNING),
        Optional.of("succeeded"));
    return queued.id();
  }
}
