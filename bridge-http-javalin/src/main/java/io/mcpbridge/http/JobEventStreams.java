package io.mcpbridge.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.mcpbridge.core.error.ForbiddenException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.JobFollower;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /jobs/{jobId}/events}: a job's events as server-sent events. The event id is the
 * job's event sequence number, so a client resumes with {@code Last-Event-ID}; comments keep the
 * connection alive; the stream ends after the terminal state event. The events come from the
 * {@link JobFollower} (durable and ordered from the registry); this class only writes them out.
 */
final class JobEventStreams {
  private static final Logger LOG = LoggerFactory.getLogger(JobEventStreams.class);
  private static final long HEARTBEAT_SECONDS = 15;

  private final JobRegistry jobs;
  private final JobFollower follower;
  private final Authenticator authenticator;
  private final ObjectMapper json;
  private final ScheduledExecutorService scheduler;

  JobEventStreams(JobRegistry jobs, JobFollower follower, Authenticator authenticator, ObjectMapper json,
      ScheduledExecutorService scheduler) {
    this.jobs = jobs;
    this.follower = follower;
    this.authenticator = authenticator;
    this.json = json;
    this.scheduler = scheduler;
  }

  /** The body of one event. */
  record EventView(String jobId, long sequence, Instant timestamp, String type, String status,
      JobEvent.Progress progress, String message) {}

  void register(JavalinConfig config) {
    config.routes.get("/jobs/{jobId}/events", this::open);
  }

  void open(Context ctx) throws Exception {
    Principal principal = authenticator.authenticate(ctx);
    if (!principal.has(Role.VIEWER)) {
      throw new ForbiddenException("reading job events requires the viewer role");
    }
    JobId id;
    try {
      id = new JobId(ctx.pathParam("jobId"));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("malformed job id");
    }
    if (jobs.findJob(id).isEmpty()) {
      throw new NotFoundException("no job " + id);
    }
    long resumeAfter = lastEventId(ctx.header("Last-Event-ID"));
    openEventStream(ctx, client -> stream(client, id, resumeAfter));
  }

  /**
   * Starts a server-sent event response whatever the request's {@code Accept} header says. Javalin's
   * own {@code SseHandler} answers an empty {@code 200} unless the client sent
   * {@code Accept: text/event-stream}, which made {@code curl -N …/events} look like a silent
   * success; this route has one representation, so it always streams it.
   */
  private static void openEventStream(Context ctx, java.util.function.Consumer<SseClient> onOpen) throws Exception {
    ctx.res().setStatus(200);
    ctx.res().setCharacterEncoding("UTF-8");
    ctx.res().setContentType("text/event-stream");
    ctx.res().addHeader("Connection", "close");
    ctx.res().addHeader("Cache-Control", "no-cache");
    ctx.res().addHeader("X-Accel-Buffering", "no");
    ctx.res().flushBuffer();
    ctx.async(config -> config.timeout = 0, () -> onOpen.accept(new SseClient(ctx)));
  }

  private void stream(SseClient client, JobId id, long resumeAfter) {
    client.keepAlive();
    try {
      AutoCloseable following = follower.subscribe(id, resumeAfter, new JobFollower.Subscriber() {
        @Override
        public void onEvent(JobEvent e) throws Exception {
          if (client.terminated()) {
            throw new java.io.IOException("client went away");
          }
          send(client, e);
        }

        @Override
        public void onEnd(Optional<Exception> failure) {
          failure.filter(f -> !client.terminated())
              .ifPresent(f -> LOG.warn("job event stream for {} failed: {}", id, f.getMessage()));
          client.close();
        }
      }, scheduler);
      ScheduledFuture<?> heartbeat = scheduler.scheduleWithFixedDelay(() -> heartbeat(client), HEARTBEAT_SECONDS,
          HEARTBEAT_SECONDS, TimeUnit.SECONDS);
      client.onClose(() -> {
        heartbeat.cancel(false);
        try {
          following.close();
        } catch (Exception e) {
          LOG.debug("closing job subscription", e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      client.close(); // server is stopping
    }
  }

  private void send(SseClient client, JobEvent e) throws java.io.IOException {
    String type = e.type().name().toLowerCase(java.util.Locale.ROOT);
    // SseClient writes are not thread-safe; heartbeats and events of one client share its monitor.
    synchronized (client) {
      client.sendEvent(type, json.writeValueAsString(new EventView(e.jobId().value(), e.sequence(), e.timestamp(),
          type, e.state().wireName(), e.progress().orElse(null), e.message().orElse(null))), Long.toString(e.sequence()));
    }
  }

  private static void heartbeat(SseClient client) {
    synchronized (client) {
      if (!client.terminated()) {
        client.sendComment("heartbeat");
      }
    }
  }

  private static long lastEventId(String header) {
    if (header == null || header.isBlank()) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      throw new InvalidInputException("Last-Event-ID must be an event sequence number");
    }
  }
}
