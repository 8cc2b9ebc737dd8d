package io.mcpbridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.config.JobSettings;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.jobs.queue.QueueAdmin;
import io.mcpbridge.jobs.queue.Queues;
import io.mcpbridge.jobs.queue.RedisQueueAdmin;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bridge queue}: inspect and steer the broker queue of {@code JOB_BACKEND=queue}. */
@Command(name = "queue", mixinStandardHelpOptions = true,
    description = {"Inspect and steer the job queue (JOB_BACKEND=queue; see docs/operations/queue-runbook.md).",
        "  stats   depth, running, delayed retries, dead letters, oldest age, live workers, drained or not",
        "  dead    list dead-lettered messages (job id, reason, time)",
        "  purge-dead  delete the dead letters (after inspecting them)",
        "  requeue JOB_ID|--all  run dead-lettered jobs again as a new attempt (needs 'bridge serve' running)",
        "  drain   workers take no new jobs (running ones finish);  resume  undo drain"})
final class QueueCommand implements Callable<Integer> {
  /** The verbs. */
  enum Verb { stats, dead, drain, resume, purge_dead, requeue }

  /** How long {@code requeue} waits for the API's answers. */
  private static final java.time.Duration REQUEUE_PATIENCE = java.time.Duration.ofSeconds(15);

  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "stats, dead, purge-dead, requeue, drain or resume.")
  String verb;

  @Parameters(index = "1", arity = "0..1", description = "requeue: the dead-lettered job to run again.")
  String jobId;

  @Option(names = "--all", description = "requeue: every dead-lettered job.")
  boolean all;

  @Option(names = "--format", defaultValue = "text", description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--limit", defaultValue = "100", description = "Dead letters to list (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    Verb parsed;
    try {
      parsed = Verb.valueOf(verb.replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("unknown queue verb '" + verb
          + "'; use stats, dead, purge-dead, requeue, drain or resume");
    }
    if (parsed == Verb.requeue && (jobId == null) == !all) {
      throw new InvalidInputException("bridge queue requeue needs a job id or --all (not both)");
    }
    if (parsed != Verb.requeue && (jobId != null || all)) {
      throw new InvalidInputException("a job id and --all only go with 'bridge queue requeue'");
    }
    if (!format.equals("text") && !format.equals("json")) {
      throw new InvalidInputException("--format must be text or json");
    }
    AppConfig config = AppConfig.load(ProcessConfigSource.fromProcess()).requireValid();
    if (config.jobs().backend() != JobSettings.Backend.QUEUE) {
      throw new InvalidInputException("bridge queue needs JOB_BACKEND=queue with JOB_BROKER_URL");
    }
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper json = new ObjectMapper();
    int exit = ExitCodes.OK;
    try (QueueAdmin admin = Queues.connectAdmin(QueueWiring.settings(config), Clock.systemUTC())) {
      switch (parsed) {
        case stats -> {
          QueueAdmin.Stats s = admin.stats();
          if (format.equals("json")) {
            ObjectNode n = json.createObjectNode().put("waiting", s.waiting()).put("running", s.running())
                .put("delayed", s.delayed()).put("dead", s.dead()).put("draining", s.draining());
            s.oldestAge().ifPresentOrElse(a -> n.put("oldestAgeSeconds", a.toMillis() / 1000.0), () -> n.putNull("oldestAgeSeconds"));
            ArrayNode workers = n.putArray("workers");
            s.workers().forEach(workers::add);
            out.println(n);
          } else {
            out.printf("queue %s: %d in stream (%d taken by workers), %d delayed retries, %d dead letters, oldest %s%s%n",
                config.jobs().queue().prefix(), s.waiting(), s.running(), s.delayed(), s.dead(),
                s.oldestAge().map(a -> a.toSeconds() + " s").orElse("-"), s.draining() ? ", DRAINED" : "");
            // RabbitMQ without the management plugin cannot tell the oldest message's age: "-".
            out.printf("live workers (%d): %s%n", s.workers().size(), s.workers().isEmpty() ? "none" : String.join(", ", s.workers()));
          }
        }
        case dead -> {
          List<QueueAdmin.DeadLetter> dead = admin.deadLetters(limit);
          if (format.equals("json")) {
            ArrayNode list = json.createArrayNode();
            dead.forEach(d -> list.addObject().put("entry", d.entryId()).put("jobId", d.jobId().orElse(null))
                .put("reason", d.reason()).put("at", d.at()));
            out.println(list);
          } else if (dead.isEmpty()) {
            out.println("no dead letters");
          } else {
            dead.forEach(d -> out.printf("%s  job %s  %s  %s%n", d.at(), d.jobId().orElse("(unreadable)"), d.entryId(), d.reason()));
          }
        }
        case requeue -> {
          if (!(admin instanceof RedisQueueAdmin redis)) {
            throw new InvalidInputException("bridge queue requeue needs a Redis broker (redis://, rediss://); on RabbitMQ "
                + "resubmit the job with run_simulation");
          }
          List<RedisQueueAdmin.Requeued> results = redis.requeue(Optional.ofNullable(jobId), requester(),
              REQUEUE_PATIENCE);
          if (format.equals("json")) {
            ArrayNode list = json.createArrayNode();
            results.forEach(r -> list.addObject().put("jobId", r.jobId()).put("requeued", r.requeued())
                .put("message", r.message()));
            out.println(list);
          } else if (results.isEmpty()) {
            out.println("no dead letters to requeue");
          } else {
            results.forEach(r -> out.println((r.requeued() ? "requeued: " : "NOT requeued: ") + r.message()));
          }
          if (results.stream().anyMatch(r -> !r.requeued())) {
            exit = ExitCodes.FAILED;
          }
        }
        case purge_dead -> out.printf("purged dead letters (%d %s)%n", admin.purgeDeadLetters(),
            QueueWiring.settings(config).rabbit() ? "message(s)" : "stream(s)");
        case drain -> {
          admin.drain(true);
          out.println("drained: workers take no new jobs; running jobs finish ('bridge queue resume' to undo)");
        }
        case resume -> {
          admin.drain(false);
          out.println("resumed: workers take jobs again");
        }
        default -> throw new IllegalStateException(parsed.name());
      }
    }
    out.flush();
    return exit;
  }

  /** The operator as the audit trail names them: OS user and host. */
  private static String requester() {
    return System.getProperty("user.name", "unknown") + "@" + QueueWiring.processId().replaceFirst(":\\d+$", "");
  }
}
