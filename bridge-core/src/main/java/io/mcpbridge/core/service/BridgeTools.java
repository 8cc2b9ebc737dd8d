package io.mcpbridge.core.service;

import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobMetrics;
import io.mcpbridge.core.port.NoMetrics;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.SimulationEngine;
import io.mcpbridge.core.service.tools.CalculatePkParametersTool;
import io.mcpbridge.core.service.tools.CancelJobTool;
import io.mcpbridge.core.service.tools.DiscoverModelsTool;
import io.mcpbridge.core.service.tools.GetJobStatusTool;
import io.mcpbridge.core.service.tools.GetParameterValueTool;
import io.mcpbridge.core.service.tools.GetSimulationResultsTool;
import io.mcpbridge.core.service.tools.ListParametersTool;
import io.mcpbridge.core.service.tools.LoadSimulationTool;
import io.mcpbridge.core.service.tools.RunSimulationTool;
import io.mcpbridge.core.service.tools.SetParameterValueTool;
import io.mcpbridge.core.units.UnitCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Assembles the standard tool catalog from the ports. */
public final class BridgeTools {
  private BridgeTools() {}

  /**
   * The tools of the smoke workflow (discover → load → inspect/set → run → status → results → PK).
   *
   * @param defaultTimeout job time limit when a call names none
   * @param defaultRetries job retries when a call names none
   */
  public static ToolCatalog standard(ModelAccess access, ModelIndex index, SimulationEngine engine, JobRegistry registry,
      JobBackend backend, UnitCatalog units, Duration defaultTimeout, int defaultRetries, Clock clock) {
    return standard(access, index, engine, registry, backend, units, defaultTimeout, defaultRetries,
        NoMetrics.INSTANCE, clock);
  }

  /**
   * The standard tools, counting job submissions.
   *
   * @param jobMetrics where accepted job submissions are counted
   */
  public static ToolCatalog standard(ModelAccess access, ModelIndex index, SimulationEngine engine, JobRegistry registry,
      JobBackend backend, UnitCatalog units, Duration defaultTimeout, int defaultRetries, JobMetrics jobMetrics,
      Clock clock) {
    Simulations simulations = new Simulations(registry, engine);
    return new ToolCatalog(List.of(
        new DiscoverModelsTool(index),
        new LoadSimulationTool(access, index, engine, registry, clock),
        new ListParametersTool(simulations, units),
        new GetParameterValueTool(simulations, units),
        new SetParameterValueTool(simulations, registry, units, clock),
        new RunSimulationTool(simulations, registry, backend, defaultTimeout, defaultRetries, jobMetrics, clock),
        new GetJobStatusTool(registry),
        new CancelJobTool(registry, backend, clock),
        new GetSimulationResultsTool(registry, units),
        new CalculatePkParametersTool(registry, units)));
  }
}
