package io.mcpbridge.core.service;

import io.mcpbridge.core.population.PopulationJobStore;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobMetrics;
import io.mcpbridge.core.port.NoMetrics;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.PlotRenderer;
import io.mcpbridge.core.port.SimulationEngine;
import io.mcpbridge.core.service.tools.CalculatePkParametersTool;
import io.mcpbridge.core.service.tools.CancelJobTool;
import io.mcpbridge.core.service.tools.DiscoverModelsTool;
import io.mcpbridge.core.service.tools.GetJobStatusTool;
import io.mcpbridge.core.service.tools.GetParameterValueTool;
import io.mcpbridge.core.service.tools.GetPopulationResultsTool;
import io.mcpbridge.core.service.tools.GetGlobalSensitivityResultsTool;
import io.mcpbridge.core.service.tools.GetSensitivityResultsTool;
import io.mcpbridge.core.service.tools.GetSimulationResultsTool;
import io.mcpbridge.core.service.tools.ListParametersTool;
import io.mcpbridge.core.service.tools.PlotResultsTool;
import io.mcpbridge.core.service.plot.TimeProfileCharts;
import io.mcpbridge.core.service.tools.LoadSimulationTool;
import io.mcpbridge.core.service.tools.RunPopulationSimulationTool;
import io.mcpbridge.core.service.tools.RunGlobalSensitivityAnalysisTool;
import io.mcpbridge.core.service.tools.RunSensitivityAnalysisTool;
import io.mcpbridge.core.service.tools.RunSimulationTool;
import io.mcpbridge.core.service.tools.SetParameterValueTool;
import io.mcpbridge.core.units.UnitCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
    return new ToolCatalog(smokeWorkflow(access, index, engine, registry, backend, units, defaultTimeout, defaultRetries,
        NoMetrics.INSTANCE, clock));
  }

  /**
   * The standard tools, counting job submissions.
   *
   * @param jobMetrics where accepted job submissions are counted
   */
  public static ToolCatalog standard(ModelAccess access, ModelIndex index, SimulationEngine engine, JobRegistry registry,
      JobBackend backend, UnitCatalog units, Duration defaultTimeout, int defaultRetries, JobMetrics jobMetrics,
      Clock clock) {
    return new ToolCatalog(smokeWorkflow(access, index, engine, registry, backend, units, defaultTimeout, defaultRetries,
        jobMetrics, clock));
  }

  /**
   * The tools of the smoke workflow plus {@code plot_results}, which draws results with the renderer.
   *
   * @param defaultTimeout job time limit when a call names none
   * @param defaultRetries job retries when a call names none
   */
  public static ToolCatalog standard(ModelAccess access, ModelIndex index, SimulationEngine engine, JobRegistry registry,
      JobBackend backend, UnitCatalog units, Duration defaultTimeout, int defaultRetries, Clock clock,
      PlotRenderer plots) {
    return standard(access, index, engine, registry, backend, units, defaultTimeout, defaultRetries,
        NoMetrics.INSTANCE, clock, plots);
  }

  /**
   * Every standard tool: the smoke workflow, counting job submissions, and {@code plot_results}.
   *
   * @param jobMetrics where accepted job submissions are counted
   * @param plots the renderer {@code plot_results} draws with
   */
  public static ToolCatalog standard(ModelAccess access, ModelIndex index, SimulationEngine engine, JobRegistry registry,
      JobBackend backend, UnitCatalog units, Duration defaultTimeout, int defaultRetries, JobMetrics jobMetrics,
      Clock clock, PlotRenderer plots) {
    List<Tool<?, ?>> tools = new ArrayList<>(smokeWorkflow(access, index, engine, registry, backend, units,
        defaultTimeout, defaultRetries, jobMetrics, clock));
    tools.add(new PlotResultsTool(registry, new TimeProfileCharts(units), plots));
    return new ToolCatalog(tools);
  }

  private static List<Tool<?, ?>> smokeWorkflow(ModelAccess access, ModelIndex index, SimulationEngine engine,
      JobRegistry registry, JobBackend backend, UnitCatalog units, Duration defaultTimeout, int defaultRetries,
      JobMetrics jobMetrics, Clock clock) {
    Simulations simulations = new Simulations(registry, engine);
    return List.of(
        new DiscoverModelsTool(index),
        new LoadSimulationTool(access, index, engine, registry, clock),
        new ListParametersTool(simulations, units),
        new GetParameterValueTool(simulations, units),
        new SetParameterValueTool(simulations, registry, units, clock),
        new RunSimulationTool(simulations, registry, backend, defaultTimeout, defaultRetries, jobMetrics, clock),
        new GetJobStatusTool(registry),
        new CancelJobTool(registry, backend, clock),
        new GetSimulationResultsTool(registry, units),
        new CalculatePkParametersTool(registry, engine, units),
        new RunSensitivityAnalysisTool(simulations, engine, registry, backend, defaultTimeout, defaultRetries, clock),
        new GetSensitivityResultsTool(registry),
        new RunGlobalSensitivityAnalysisTool(simulations, engine, registry, backend, units, defaultTimeout,
            defaultRetries, clock),
        new GetGlobalSensitivityResultsTool(registry));
  }

  /**
   * The standard tools plus the population tools ({@code run_population_simulation},
   * {@code get_population_results}).
   *
   * @param store where population jobs keep their individuals and result files
   * @param defaultTimeout job time limit when a call names none
   */
  public static ToolCatalog withPopulations(ToolCatalog standard, SimulationEngine engine, JobRegistry registry,
      JobBackend backend, PopulationJobStore store, UnitCatalog units, Duration defaultTimeout, Clock clock) {
    List<Tool<?, ?>> all = new ArrayList<>(standard.all());
    all.add(new RunPopulationSimulationTool(new Simulations(registry, engine), registry, backend, store, units,
        defaultTimeout, clock));
    all.add(new GetPopulationResultsTool(registry, store));
    return new ToolCatalog(all);
  }
}
