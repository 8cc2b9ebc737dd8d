package io.mcpbridge.cli;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.plot.TornadoChart;
import io.mcpbridge.core.pk.PkOptions;
import io.mcpbridge.core.pk.PkParameterCalculator;
import io.mcpbridge.core.pk.TerminalPhaseFit;
import io.mcpbridge.core.port.ProgressListener;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.sensitivity.LocalSensitivityAnalysis;
import io.mcpbridge.core.sensitivity.PkSensitivity;
import io.mcpbridge.core.sensitivity.SensitivityCsv;
import io.mcpbridge.core.sensitivity.SensitivityPlan;
import io.mcpbridge.core.sensitivity.SensitivityPlanner;
import io.mcpbridge.core.sensitivity.SensitivityRequest;
import io.mcpbridge.core.sensitivity.SensitivityResults;
import io.mcpbridge.core.sensitivity.TimeCourseSensitivity;
import io.mcpbridge.core.service.ParameterPathMatcher;
import io.mcpbridge.core.units.UnitCatalog;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import java.io.IOException;
import java.io.Writer;
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

/** {@code bridge sensitivity run}: OSP's local sensitivity analysis of one model, exported as OSP does. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run OSP's local sensitivity analysis of a .pkml model and write OSP's CSV layout",
        "(QuantityPath,Parameter,PKParameter,Value,ParameterPath). Each parameter is run at P0/f and P0·f with",
        "f = 1 + range·i/steps; S is OSP's averaged normalised sensitivity of every PK parameter of every output.",
        "With --population FILE --individual ID the baseline is that individual's values; --plot draws a tornado chart."})
final class SensitivityRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.pkml", description = "The simulation file.")
  Path model;

  @Option(names = "--parameters", paramLabel = "PATH", arity = "1..*",
      description = "Parameter paths or OSP wildcard patterns to vary (default: every constant parameter the simulation uses).")
  List<String> parameters = new ArrayList<>();

  @Option(names = "--steps", defaultValue = "2", description = "Variation steps on each side (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--range", defaultValue = "0.1", description = "Variation range, 0 < range < 1 (default: ${DEFAULT-VALUE}).")
  double range;

  @Option(names = "--outputs", paramLabel = "PATH", arity = "1..*", description = "Output paths (default: the file's outputs).")
  List<String> outputs = new ArrayList<>();

  @Option(names = "--pk", paramLabel = "NAME", arity = "1..*", description = "PK parameters to report (default: all).")
  List<String> pkParameters = new ArrayList<>();

  @Option(names = "--set", paramLabel = "PATH=VALUE[UNIT]",
      description = "A baseline value (e.g. one individual's), set before anything is varied. Repeatable.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--population", paramLabel = "FILE",
      description = "A population CSV (PK-Sim, ospsuite or population.csv of bridge population run); with --individual.")
  Path populationFile;

  @Option(names = "--individual", paramLabel = "ID",
      description = "The IndividualId in --population whose values are the baseline (they win over --set).")
  Integer individual;

  @Option(names = "--plot", paramLabel = "FILE.png|FILE.svg",
      description = "Also draw a tornado chart of one output's PK parameter (format from the extension).")
  Path plotFile;

  @Option(names = "--plot-output", paramLabel = "PATH", description = "The output of the tornado chart (default: the first output).")
  String plotOutput;

  @Option(names = "--plot-pk", paramLabel = "NAME",
      description = "The PK parameter of the tornado chart (default: AUC_tEnd if reported, else the first of --pk).")
  String plotPk;

  @Option(names = "--threshold", paramLabel = "X",
      description = "Keep, per output and PK parameter, the largest |S| until their share of the total reaches X "
          + "(OSP's totalSensitivityThreshold, e.g. 0.9). Default: every value, as OSP's export writes them.")
  Double threshold;

  @Option(names = "--terminal-phase", defaultValue = "last-two-points",
      description = "Terminal-phase rule of the PK analysis: last-two-points (OSP) or regression (default: ${DEFAULT-VALUE}).")
  String terminalPhase;

  @Option(names = "--parallel", paramLabel = "N", description = "Simulations at a time (default: the number of processors).")
  Integer parallel;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Where to write the CSV.")
  Path outFile;

  @Option(names = "--time-course", paramLabel = "FILE.csv",
      description = "Also write the time-course sensitivities S(t) of every output (OSP's formula at each output time) "
          + "as QuantityPath,Parameter,ParameterPath,Time,Value.")
  Path timeCourseFile;

  @Override
  public Integer call() {
    if (threshold != null && !(threshold > 0 && threshold <= 1)) {
      throw new InvalidInputException("--threshold must be greater than 0 and at most 1 (was " + threshold + ")");
    }
    int threads = parallel == null ? Runtime.getRuntime().availableProcessors() : parallel;
    if (threads < 1) {
      throw new InvalidInputException("--parallel must be at least 1");
    }
    if ((populationFile == null) != (individual == null)) {
      throw new InvalidInputException("--population FILE and --individual ID go together");
    }
    if (plotFile == null && (plotOutput != null || plotPk != null)) {
      throw new InvalidInputException("--plot-output and --plot-pk need --plot FILE.png|FILE.svg");
    }
    Optional<PlotFile> plotTarget = Optional.ofNullable(plotFile).map(PlotFile::of);
    PkOptions pkOptions = PkOptions.defaults().withTerminalPhaseFit(TerminalPhaseFit.fromWireName(terminalPhase));
    PkmlSimulationEngine engine = new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);
    ModelRef ref = new ModelRef(model.toAbsolutePath(), ModelFileHash.sha256(model));
    LoadedModel loaded = engine.load(ref);
    UnitCatalog units = UnitCatalog.standard();
    List<ParameterOverride> baseline = new ArrayList<>();
    for (String set : sets) {
      baseline.add(SetArgument.parse(set).toOverride(loaded, units));
    }
    if (populationFile != null) {
      // Appended after --set: the individual's values win, as in bridge population run.
      baseline.addAll(IndividualBaseline.of(populationFile, individual, loaded, units));
    }
    SensitivityPlan plan = new SensitivityPlanner(engine, ParameterPathMatcher::compile).plan(new SensitivityRequest(SimulationSpec.of(ref), baseline,
        parameters, steps, range, outputs, pkParameters));
    Optional<SensitivityTornado> tornado = plotTarget.map(target -> SensitivityTornado.of(target,
        Optional.ofNullable(plotOutput), Optional.ofNullable(plotPk), plan.outputs(), pkParameters));

    RunCountProgress progress = TerminalProgress.stderrIsTerminal()
        ? new RunCountProgress(spec.commandLine().getErr(), "sensitivity") : null;
    SensitivityResults results;
    List<TimeCourseSensitivity> courses = List.of();
    try {
      LocalSensitivityAnalysis analysis = new LocalSensitivityAnalysis(engine, new PkParameterCalculator(units),
          pkOptions, threads);
      RunControl control = new RunControl(() -> false, Optional.empty(),
          progress == null ? ProgressListener.NONE : progress, Clock.systemUTC());
      if (timeCourseFile == null) {
        results = analysis.run(plan, control);
      } else {
        LocalSensitivityAnalysis.TimeCourseAnalysis both = analysis.runWithTimeCourses(plan, plan.outputs(), control);
        results = both.results();
        courses = both.timeCourses();
      }
    } finally {
      if (progress != null) {
        progress.finish();
      }
    }
    List<PkSensitivity> rows = threshold == null ? results.entries() : results.aboveThreshold(threshold);
    try (Writer out = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
      SensitivityCsv.write(rows, out);
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot write " + outFile + " (" + e.getMessage() + ")", e);
    }
    spec.commandLine().getOut().printf("%d sensitivities of %d parameters from %d runs written to %s%n",
        rows.size(), results.parameterPaths().size(), results.runs(), outFile);
    if (timeCourseFile != null) {
      try {
        Files.writeString(timeCourseFile, TimeCourseSensitivity.toCsv(courses), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new BackendUnavailableException("cannot write " + timeCourseFile + " (" + e.getMessage() + ")", e);
      }
      spec.commandLine().getOut().printf("%d time-course sensitivities written to %s%n", courses.size(),
          timeCourseFile);
    }
    spec.commandLine().getOut().flush();
    if (tornado.isPresent()) {
      SensitivityTornado plot = tornado.get();
      Optional<TornadoChart> chart = plot.chart(rows, range, model.getFileName().toString());
      if (chart.isEmpty()) {
        spec.commandLine().getErr().println("no plot: no finite sensitivity of " + plot.pkParameter() + " of "
            + plot.output() + " was written");
        return ExitCodes.FAILED;
      }
      plot.write(chart.get());
      spec.commandLine().getOut().println("tornado chart of " + plot.pkParameter() + " written to " + plotFile);
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }

}
