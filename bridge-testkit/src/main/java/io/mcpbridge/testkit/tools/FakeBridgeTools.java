package io.mcpbridge.testkit.tools;

import io.mcpbridge.core.error.ForbiddenException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.port.ToolService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link ToolService} with the bridge's smoke-workflow tools over a tiny one-compartment model
 * (C = D/V·e^(−CL/V·t)), for testing edges without the engine: role checks like the real invoker,
 * runs as jobs in {@link FakeJobs} with progress events on a background thread, and a record of
 * every call.
 */
public final class FakeBridgeTools implements ToolService {
  /** A call as the service saw it. */
  public record Call(String tool, String subject, String channel, String outcome) {}

  /** Input of discover_models. */
  public record DiscoverInput(Optional<String> search, Optional<Boolean> loadedOnly, Optional<Integer> page,
      Optional<Integer> limit) {}

  /** Output of discover_models. */
  public record DiscoverOutput(List<ModelItem> items, int total) {}

  /** One model file. */
  public record ModelItem(@Description("Path to pass to load_simulation.") String filePath,
      List<String> loadedSimulationIds) {}

  /** Input of load_simulation. */
  public record LoadInput(@Description("Model file.") String filePath, Optional<String> simulationId) {}

  /** Output of load_simulation. */
  public record LoadOutput(String simulationId, int revision, List<String> outputPaths) {}

  /** Input of list_parameters. */
  public record ListInput(String simulationId, Optional<String> searchPattern, Optional<Integer> revision,
      Optional<Integer> page, Optional<Integer> limit) {}

  /** Output of list_parameters. */
  public record ListOutput(String simulationId, List<Parameter> parameters, int total) {}

  /** One parameter. */
  public record Parameter(String path, Double value, String unit) {}

  /** Input of get_parameter_value. */
  public record GetInput(String simulationId, String parameterPath) {}

  /** Input of set_parameter_value. */
  public record SetInput(String simulationId, String parameterPath, double value, Optional<String> unit) {}

  /** Output of set_parameter_value. */
  public record SetOutput(String simulationId, int revision, Double previousValue, double value) {}

  /** Input of run_simulation. */
  public record RunInput(String simulationId, Optional<Long> timeoutSeconds) {}

  /** Output of run_simulation. */
  public record RunOutput(String jobId, String status, String simulationId) {}

  /** Input of get_job_status / cancel_job. */
  public record JobInput(String jobId) {}

  /** Output of get_job_status / cancel_job. */
  public record JobOutput(String jobId, String status, Optional<ResultHandle> resultHandle) {}

  /** Where a finished run's results are. */
  public record ResultHandle(String resultsId) {}

  /** Input of get_simulation_results. */
  public record ResultsInput(String resultsId, Optional<List<String>> outputPaths) {}

  /** Output of get_simulation_results. */
  public record ResultsOutput(String resultsId, double[] times, List<Series> series) {}

  /** One time course. */
  public record Series(String path, String unit, double[] values) {}

  /** Input of calculate_pk_parameters. */
  public record PkInput(Optional<String> resultsId, Optional<String> outputPath) {}

  /** Output of calculate_pk_parameters. */
  public record PkOutput(String resultsId, Map<String, Map<String, Double>> parameters) {}

  private static final String PLASMA = "Organism|Plasma|Drug|Concentration";
  private static final double DOSE = 100;
  private static final double END_TIME = 1440;

  private final Map<String, ToolDescriptor> descriptors = new LinkedHashMap<>();
  private final Map<String, Map<String, Double>> simulations = new ConcurrentHashMap<>();
  private final Map<String, String> simulationFiles = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Double>> results = new ConcurrentHashMap<>();
  private final Map<String, Thread> runs = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final FakeJobs jobs;
  private final Clock clock;
  private final Duration stepDelay;

  /**
   * @param jobs where runs are recorded
   * @param stepDelay pause between the 10 progress steps of a run
   */
  public FakeBridgeTools(FakeJobs jobs, Clock clock, Duration stepDelay) {
    this.jobs = jobs;
    this.clock = clock;
    this.stepDelay = stepDelay;
    add("discover_models", "Discover models", "List the models that may be loaded.", Role.VIEWER, false, true, false, true, true,
        DiscoverInput.class, DiscoverOutput.class);
    add("load_simulation", "Load simulation", "Load a .pkml model.", Role.OPERATOR, true, false, false, false, true,
        LoadInput.class, LoadOutput.class);
    add("list_parameters", "List parameters", "List parameters of a simulation.", Role.VIEWER, false, true, false, true,
        false, ListInput.class, ListOutput.class);
    add("get_parameter_value", "Get parameter value", "Read one parameter.", Role.VIEWER, false, true, false, true, false,
        GetInput.class, ListOutput.class);
    add("set_parameter_value", "Set parameter value", "Change one parameter.", Role.OPERATOR, true, false, true, false,
        false, SetInput.class, SetOutput.class);
    add("run_simulation", "Run simulation", "Run a simulation as a job.", Role.OPERATOR, true, false, false, false, false,
        RunInput.class, RunOutput.class);
    add("get_job_status", "Get job status", "State of a job.", Role.VIEWER, false, true, false, true, false,
        JobInput.class, JobOutput.class);
    add("cancel_job", "Cancel job", "Cancel a job.", Role.OPERATOR, false, false, true, true, false,
        JobInput.class, JobOutput.class);
    add("get_simulation_results", "Get simulation results", "Time courses of a run.", Role.VIEWER, false, true, false,
        true, false, ResultsInput.class, ResultsOutput.class);
    add("calculate_pk_parameters", "Calculate PK parameters", "Cmax, Tmax, AUC of a run.", Role.VIEWER, false, true,
        false, true, false, PkInput.class, PkOutput.class);
  }

  private void add(String name, String title, String description, Role role, boolean critical, boolean readOnly,
      boolean destructive, boolean idempotent, boolean openWorld, Class<? extends Record> in, Class<? extends Record> out) {
    descriptors.put(name, new ToolDescriptor(name, title, description, role, critical, readOnly, destructive, idempotent,
        openWorld, in, out));
  }

  /** Every call so far. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public List<ToolDescriptor> tools() {
    return List.copyOf(descriptors.values());
  }

  @Override
  public List<ToolDescriptor> visibleTo(Principal principal) {
    return descriptors.values().stream().filter(d -> principal.has(d.requiredRole())).toList();
  }

  @Override
  public ToolDescriptor describe(String name) {
    ToolDescriptor d = descriptors.get(name);
    if (d == null) {
      throw new NotFoundException("no tool " + name);
    }
    return d;
  }

  @Override
  public Record call(String name, Record input, ToolContext context, Function<Object, Optional<String>> responseDigest) {
    ToolDescriptor d = describe(name);
    if (!context.principal().has(d.requiredRole())) {
      calls.add(new Call(name, context.principal().subject(), context.channel(), "refused"));
      throw new ForbiddenException(name + " requires the " + d.requiredRole().wireName() + " role");
    }
    if (d.critical() && context.confirmedBy().isEmpty()) {
      calls.add(new Call(name, context.principal().subject(), context.channel(), "refused"));
      throw new io.mcpbridge.core.error.ConfirmationRequiredException(name + " needs a person's confirmation",
          Optional.empty());
    }
    try {
      Record out = dispatch(name, input, context);
      calls.add(new Call(name, context.principal().subject(), context.channel(), "ok"));
      return out;
    } catch (RuntimeException e) {
      calls.add(new Call(name, context.principal().subject(), context.channel(), "failed"));
      throw e;
    }
  }

  private Record dispatch(String name, Record input, ToolContext context) {
    switch (name) {
      case "discover_models": {
        DiscoverInput in = (DiscoverInput) input;
        List<ModelItem> items = new ArrayList<>();
        for (String file : List.of("examples/iv-bolus.pkml", "examples/oral.pkml")) {
          List<String> loaded = simulationFiles.entrySet().stream().filter(e -> e.getValue().equals(file))
              .map(Map.Entry::getKey).sorted().toList();
          if (file.contains(in.search().orElse("")) && (!in.loadedOnly().orElse(false) || !loaded.isEmpty())) {
            items.add(new ModelItem(file, loaded));
          }
        }
        return new DiscoverOutput(items, items.size());
      }
      case "load_simulation": {
        LoadInput in = (LoadInput) input;
        if (!in.filePath().endsWith(".pkml")) {
          throw new InvalidInputException("filePath must end in .pkml");
        }
        String id = in.simulationId().orElse("sim-" + (simulations.size() + 1));
        Map<String, Double> params = new ConcurrentHashMap<>();
        params.put("Organism|Plasma|Volume", 5.0);
        params.put("Organism|Clearance", 0.01);
        params.put("Applications|Dose", DOSE);
        simulations.put(id, params);
        simulationFiles.put(id, in.filePath());
        return new LoadOutput(id, 1, List.of(PLASMA));
      }
      case "list_parameters": {
        ListInput in = (ListInput) input;
        Map<String, Double> p = simulation(in.simulationId());
        List<Parameter> list = p.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .map(e -> new Parameter(e.getKey(), e.getValue(), "")).toList();
        return new ListOutput(in.simulationId(), list, list.size());
      }
      case "get_parameter_value": {
        GetInput in = (GetInput) input;
        Double v = simulation(in.simulationId()).get(in.parameterPath());
        if (v == null) {
          throw new NotFoundException("no parameter " + in.parameterPath());
        }
        return new ListOutput(in.simulationId(), List.of(new Parameter(in.parameterPath(), v, "")), 1);
      }
      case "set_parameter_value": {
        SetInput in = (SetInput) input;
        Map<String, Double> p = simulation(in.simulationId());
        Double before = p.get(in.parameterPath());
        if (before == null) {
          throw new NotFoundException("no parameter " + in.parameterPath());
        }
        p.put(in.parameterPath(), in.value());
        return new SetOutput(in.simulationId(), 2, before, in.value());
      }
      case "run_simulation":
        return run((RunInput) input, context);
      case "get_job_status":
        return status(job(((JobInput) input).jobId()));
      case "cancel_job": {
        Job job = job(((JobInput) input).jobId());
        Thread t = runs.get(job.id().value());
        if (t != null) {
          t.interrupt();
        }
        jobs.updateJob(job.withCancelRequested(clock.instant()).withState(JobState.CANCELLED, clock.instant()),
            Set.of(JobState.QUEUED, JobState.RUNNING), Optional.of("cancelled by " + context.principal().subject()));
        return status(job(job.id().value()));
      }
      case "get_simulation_results": {
        String id = ((ResultsInput) input).resultsId();
        Map<String, Double> p = resultParameters(id);
        double[] times = new double[25];
        double[] values = new double[25];
        for (int i = 0; i < times.length; i++) {
          times[i] = i * END_TIME / 24;
          values[i] = concentration(p, times[i]);
        }
        return new ResultsOutput(id, times, List.of(new Series(PLASMA, "µmol/l", values)));
      }
      case "calculate_pk_parameters": {
        PkInput in = (PkInput) input;
        String id = in.resultsId().orElseThrow(() -> new InvalidInputException("resultsId is required"));
        Map<String, Double> p = resultParameters(id);
        double v = p.get("Organism|Plasma|Volume");
        double k = p.get("Organism|Clearance") / v;
        Map<String, Double> pk = new LinkedHashMap<>();
        pk.put("C_max", p.get("Applications|Dose") / v);
        pk.put("t_max", 0.0);
        pk.put("AUC_inf", p.get("Applications|Dose") / v / k);
        pk.put("Thalf", Math.log(2) / k);
        return new PkOutput(id, Map.of(PLASMA, pk));
      }
      default:
        throw new NotFoundException("no tool " + name);
    }
  }

  private Record run(RunInput in, ToolContext context) {
    Map<String, Double> params = Map.copyOf(simulation(in.simulationId()));
    Job job = jobs.createJob(Job.queued(JobId.random(), context.principal().subject(), new SimulationId(in.simulationId()),
        1, 0, Duration.ofSeconds(in.timeoutSeconds().orElse(600L)), clock.instant()), Optional.empty());
    Thread worker = new Thread(() -> execute(job, params), "fake-run-" + job.id().value());
    worker.setDaemon(true);
    runs.put(job.id().value(), worker);
    worker.start();
    return new RunOutput(job.id().value(), job.state().wireName(), in.simulationId());
  }

  private void execute(Job job, Map<String, Double> params) {
    try {
      if (!jobs.updateJob(job.startedAttempt(clock.instant()), Set.of(JobState.QUEUED), Optional.empty())) {
        return;
      }
      for (int step = 1; step <= 10; step++) {
        Thread.sleep(stepDelay.toMillis());
        jobs.appendEvent(job.id(), JobEvent.Type.PROGRESS, JobState.RUNNING,
            Optional.of(new JobEvent.Progress(END_TIME * step / 10, END_TIME)), Optional.empty(), clock.instant());
      }
      ResultId result = ResultId.random();
      results.put(result.value(), params);
      Job running = jobs.findJob(job.id()).orElseThrow();
      jobs.updateJob(running.succeeded(result, clock.instant()), Set.of(JobState.RUNNING), Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      runs.remove(job.id().value());
    }
  }

  private JobOutput status(Job job) {
    return new JobOutput(job.id().value(), job.state().wireName(), job.resultId().map(r -> new ResultHandle(r.value())));
  }

  private Job job(String id) {
    try {
      return jobs.findJob(new JobId(id)).orElseThrow(() -> new NotFoundException("no job " + id));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("malformed job id");
    }
  }

  private Map<String, Double> simulation(String id) {
    Map<String, Double> p = simulations.get(id);
    if (p == null) {
      throw new NotFoundException("no simulation " + id);
    }
    return p;
  }

  private Map<String, Double> resultParameters(String id) {
    Map<String, Double> p = results.get(id);
    if (p == null) {
      throw new NotFoundException("no results " + id);
    }
    return p;
  }

  private static double concentration(Map<String, Double> p, double t) {
    double v = p.get("Organism|Plasma|Volume");
    return p.get("Applications|Dose") / v * Math.exp(-p.get("Organism|Clearance") / v * t);
  }
}
