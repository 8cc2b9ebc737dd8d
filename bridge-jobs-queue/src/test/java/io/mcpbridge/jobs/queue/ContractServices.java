package io.mcpbridge.jobs.queue;

import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.port.BrokerJobState;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobMessageSource;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.JobReports;
import io.mcpbridge.core.service.JobNotifier;
import io.mcpbridge.core.service.JobReconciler;
import io.mcpbridge.core.service.JobReportRecorder;
import io.mcpbridge.core.service.RegistryJobMessages;
import io.mcpbridge.testkit.BrokerContract;
import java.time.Clock;
import java.time.Duration;

/** The core's real services for the broker contract, as {@code bridge serve} wires them. */
final class ContractServices implements BrokerContract.CoreServices {
  @Override
  public JobMessageSource messages(JobRegistry registry) {
    return new RegistryJobMessages(registry);
  }

  @Override
  public JobReports recorder(JobRegistry registry, JobBackend backend, AuditSink audit, Clock clock) {
    return new JobReportRecorder(registry, backend, new JobNotifier(), audit, clock);
  }

  @Override
  public Runnable reconciler(JobRegistry registry, JobBackend backend, BrokerJobState state, JobReports reports,
      Clock clock) {
    JobReconciler reconciler = new JobReconciler(registry, backend, state, reports, clock, Duration.ofMillis(300),
        Duration.ofMinutes(5));
    return reconciler::reconcile;
  }
}
