package io.mcpbridge.cli;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.ErrorDetail;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.plot.TornadoChart;
import io.mcpbridge.core.pk.PkParameterCalculator;
import io.mcpbridge.core.pk.TerminalPhaseFit;
import io.mcpbridge.core.port.ProgressListener;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.sensitivity.global.GlobalAnalysisPlan;
import io.mcpbridge.core.sensitivity.global.GlobalAnalysisPlanner;
import io.mcpbridge.core.sensitivity.global.GlobalMethod;
import io.mcpbridge.core.sensitivity.global.GlobalParameter;
import io.mcpbridge.core.sensitivity.global.GlobalSensitivityAnalysis;
import io.mcpbridge.core.sensitivity.global.GlobalSensitivityCsv;
import io.mcpbridge.core.sensitivity.global.GlobalSensitivityJobRequest;
import io.mcpbridge.core.sensitivity.global.GlobalSensitivityResults;
import io.mcpbridge.core.units.UnitCatalog;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bridge sensitivity global}: Sobol indices or Morris effects of one model over declared ranges. */
@Command(name = "global", mixinStandardHelpOptions = true,
    description = {"Run a global sensitivity analysis of a .pkml model over declared parameter ranges or distributions",
        "and write its CSV: Sobol first-order and total indices with bootstrap intervals",
        "(QuantityPath,Response,ParameterPath,S1,S1Low,S1High,ST,STLow,STHigh,State) or Morris elementary effects",
        "(QuantityPath,Response,ParameterPath,Mu,MuStar,Sigma,State). Responses are PK parameters of the outputs",
        "and, with --times, output values at those times. The same --seed gives the same file whatever --parallel is."})
final class SensitivityGlobalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.pkml", description = "The simulation file.")
  Path model;

  @Option(names = "--method", defaultValue = "sobol", description = "sobol or morris (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--vary", required = true, paramLabel = "PATH=DIST(a,b)[ UNIT]",
      description = "A varied parameter: uniform(low, high), loguniform(low, high), normal(mean, sd) or "
          + "lognormal(geometricMean, geometricSd); Morris needs uniform or loguniform. Repeatable.")
  List<String> vary = new ArrayList<>();

  @Option(names = "--n", paramLabel = "N",
      description = "Sobol: base samples N, N·(k+2) runs (default 1024). Morris: trajectories r, r·(k+1) runs (default 20).")
  Integer samples;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the design (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--bootstrap", defaultValue = "1000", description = "Sobol: bootstrap resamples (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--confidence", defaultValue = "0.95", description = "Sobol: interval level (default: ${DEFAULT-VALUE}).")
  double confidence;

  @Option(names = "--levels", defaultValue = "4", description = "Morris: grid levels, even (default: ${DEFAULT-VALUE}).")
  int levels;

  @Option(names = "--outputs", paramLabel = "PATH", arity = "1..*", description = "Output paths (default: the file's outputs).")
  List<String> outputs = new ArrayList<>();

  @Option(names = "--pk", paramLabel = "NAME", arity = "1..*",
      description = "PK parameters whose sensitivity is computed (default: all, unless --times are given).")
  List<String> pkParameters = new ArrayList<>();

  @Option(names = "--times", paramLabel = "MIN", arity = "1..*", split = ",",
      description = "Output times in minutes whose values are responses (linear between output times).")
  List<Double> times = new ArrayList<>();

  @Option(names = "--set", paramLabel = "PATH=VALUE[UNIT]", description = "A baseline value set before anything is varied. Repeatable.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--terminal-phase", defaultValue = "last-two-points",
      description = "Terminal-phase rule of the PK analysis: last-two-points (OSP), regression or nca (default: ${DEFAULT-VALUE}).")
  String terminalPhase;

  @Option(names = "--parallel", paramLabel = "N", description = "Simulations at a time (default: the number of processors).")
  Integer parallel;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Where to write the CSV.")
  Path outFile;

  @Option(names = "--plot", paramLabel = "FILE.png|FILE.svg",
      description = "Also draw the indices of one response (Sobol: S1 left, ST right; Morris: σ left, μ* right).")
  Path plotFile;

  @Option(names = "--plot-output", paramLabel = "PATH", description = "The output of the chart (default: the first output).")
  String plotOutput;

  @Option(names = "--plot-response", paramLabel = "NAME",
      description = "The response of the chart: a PK parameter or Value@t=T (default: AUC_tEnd if computed, else the first).")
  String plotResponse;

  @Override
  public Integer call() {
    int threads = parallel == null ? Runtime.getRuntime().availableProcessors() : parallel;
    List<ErrorDetail> problems = new ArrayList<>();
    if (threads < 1) {
      problems.add(ErrorDetail.error("--parallel", "must be at least 1 (was " + threads + ")"));
    }
    if (plotFile == null && (plotOutput != null || plotResponse != null)) {
      problems.add(ErrorDetail.error("--plot", "--plot-output and --plot-response need --plot FILE.png|FILE.svg"));
    }
    GlobalMethod chosen = GlobalMethod.fromWireName(method);
    Optional<PlotFile> plotTarget = Optional.ofNullable(plotFile).map(PlotFile::of);
    PkmlSimulationEngine engine = new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);
    ModelRef ref = new ModelRef(model.toAbsolutePath(), ModelFileHash.sha256(model));
    LoadedModel loaded = engine.load(ref);
    UnitCatalog units = UnitCatalog.standard();
    List<ParameterOverride> baseline = new ArrayList<>();
    for (String set : sets) {
      try {
        baseline.add(SetArgument.parse(set).toOverride(loaded, units));
      } catch (InvalidInputException e) {
        problems.add(ErrorDetail.error("--set", e.getMessage()));
      }
    }
    List<GlobalParameter> parameters = GlobalAnalysisPlanner.parseAll(vary, loaded, units, problems);
    int n = samples != null ? samples : chosen == GlobalMethod.SOBOL
        ? GlobalSensitivityJobRequest.DEFAULT_SAMPLES : GlobalSensitivityJobRequest.DEFAULT_TRAJECTORIES;
    GlobalSensitivityJobRequest request = new GlobalSensitivityJobRequest(chosen, parameters, baseline, outputs,
        pkParameters, times, n, levels, bootstrap, confidence, seed, TerminalPhaseFit.fromWireName(terminalPhase));
    GlobalAnalysisPlan plan = new GlobalAnalysisPlanner(engine).plan(SimulationSpec.of(ref), request, problems);
    Optional<GlobalSensitivityChart> chart = plotTarget.map(target -> GlobalSensitivityChart.of(chosen, plan.outputs(),
        Optional.ofNullable(plotOutput), Optional.ofNullable(plotResponse), pkParameters, times));

    RunCountProgress progress = TerminalProgress.stderrIsTerminal()
        ? new RunCountProgress(spec.commandLine().getErr(), "global sensitivity") : null;
    GlobalSensitivityResults results;
    try {
      results = new GlobalSensitivityAnalysis(engine, new PkParameterCalculator(units), threads).run(plan,
          new RunControl(() -> false, Optional.empty(), progress == null ? ProgressListener.NONE : progress,
              Clock.systemUTC()));
    } finally {
      if (progress != null) {
        progress.finish();
      }
    }
    try {
      Files.writeString(outFile, GlobalSensitivityCsv.toCsv(chosen, results.rows()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot write " + outFile + " (" + e.getMessage() + ")", e);
    }
    spec.commandLine().getOut().printf("%s indices of %d parameters for %d responses from %d runs written to %s%n",
        chosen.wireName(), parameters.size(), results.rows().size() / parameters.size(), results.evaluations() + 1,
        outFile);
    spec.commandLine().getOut().flush();
    if (chart.isPresent()) {
      Optional<TornadoChart> drawn = chart.get().chart(results.rows(), model.getFileName().toString());
      if (drawn.isEmpty()) {
        spec.commandLine().getErr().println("no plot: the chosen response of " + chart.get().output()
            + " has no indices (it was not finite or did not vary)");
        return ExitCodes.FAILED;
      }
      plotTarget.get().write(drawn.get());
      spec.commandLine().getOut().println("chart of " + drawn.get().title() + " written to " + plotFile);
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }

}
