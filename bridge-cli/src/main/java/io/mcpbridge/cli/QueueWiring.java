package io.mcpbridge.cli;

import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.config.JobSettings;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.jobs.queue.QueueSettings;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;

/** The queue backend's settings from the configuration, shared by {@code serve} and {@code worker}. */
final class QueueWiring {
  /** How often due retries move, reconciliation runs and workers look for cancellations. */
  static final Duration POLL = Duration.ofMillis(200);
  /** How long a stopping worker lets running attempts finish before handing them back. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

  private QueueWiring() {}

  static QueueSettings settings(AppConfig config) {
    JobSettings jobs = config.jobs();
    String url = jobs.brokerUrl().orElseThrow(() -> new InvalidInputException(
        "JOB_BROKER_URL is required when JOB_BACKEND is queue")).reveal();
    return new QueueSettings(url, jobs.brokerTlsCaFile(), jobs.queue().prefix(), jobs.queue().lease(), POLL,
        jobs.queue().maxDeliveries(), SHUTDOWN_GRACE, COMMAND_TIMEOUT);
  }

  /** host:pid — unique per process, readable in logs and in {@code bridge queue} output. */
  static String processId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "localhost";
    }
    return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
  }
}
