package io.mcpbridge.cli;

import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.pk.PkOptions;
import io.mcpbridge.core.population.IndividualFailure;
import io.mcpbridge.core.population.Population;
import io.mcpbridge.core.population.PopulationCsvReader;
import io.mcpbridge.core.population.PopulationFile;
import io.mcpbridge.core.population.PopulationFiles;
import io.mcpbridge.core.population.PopulationRunRequest;
import io.mcpbridge.core.population.PopulationRunSummary;
import io.mcpbridge.core.population.PopulationRunner;
import io.mcpbridge.core.population.PopulationSampler;
import io.mcpbridge.core.population.VariationSyntax;
import io.mcpbridge.core.population.VariedParameter;
import io.mcpbridge.core.port.ProgressListener;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.units.UnitCatalog;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bridge population run}: simulates every individual of a population and writes OSP's layouts. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Simulate a population: every individual of a PK-Sim/ospsuite population file, or N individuals",
        "sampled from distributions. Writes DIR/results.csv (IndividualId,Time [min],<path> [unit]...),",
        "pk.csv (IndividualId,QuantityPath,Parameter,Value,Unit), aggregates.csv, pk-summary.csv,",
        "population.csv (readable again with --population) and failures.csv. Values in base units.",
        "--plot draws the percentile bands of one output as PNG or SVG."})
final class PopulationRunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.pkml", description = "The simulation file.")
  Path model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--population", paramLabel = "FILE", description = "A population CSV (PK-Sim, ospsuite or population.csv of an earlier run).")
    Path populationFile;

    @Option(names = "--individuals", paramLabel = "N", description = "Sample N individuals (with --vary and/or --sample-declared).")
    Integer individuals;
  }

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the sampled individuals (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--vary", paramLabel = "PATH=DIST(...)[ UNIT]",
      description = "A sampled parameter: normal(mean, sd), lognormal(gm, gsd) or lognormal(gm, cv=X), uniform(low, high), "
          + "discrete(v1, v2, ...), each with optional min=, max= truncation, e.g. 'Organism|Weight=normal(73, 12, min=40) kg'. Repeatable.")
  List<String> vary = new ArrayList<>();

  @Option(names = "--sample-declared", description = "Also sample the model's own distributed parameters by percentile, as PK-Sim does.")
  boolean sampleDeclared;

  @Option(names = "--skip-unknown-paths", description = "Skip population columns that name no quantity of the model (warned) instead of refusing the file.")
  boolean skipUnknownPaths;

  @Option(names = "--set", paramLabel = "PATH=VALUE[UNIT]", description = "Set a quantity for every individual (population values win). Repeatable.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory of the result files (created if missing).")
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = "Individuals simulated at once (default: JOB_WORKER_THREADS).")
  Integer threads;

  @Option(names = "--dose-per-bw", paramLabel = "X", description = "Total drug mass per body weight in µmol/kg for the PK analyses (enables CL, Vss, Vd, _norm).")
  Double dosePerBodyWeight;

  @Option(names = "--infusion-time", paramLabel = "T", description = "Infusion time in minutes for the PK analyses.")
  Double infusionTime;

  @Option(names = "--percentiles", split = ",", paramLabel = "P", description = "Percentiles of the aggregates in %% (default: 5,25,50,75,95).")
  List<Double> percentiles;

  @Option(names = "--plot", paramLabel = "FILE.png|FILE.svg",
      description = "Also draw the 5th–95th and 25th–75th percentile bands and the median of one output (format from the extension).")
  Path plotFile;

  @Option(names = "--plot-output", paramLabel = "PATH", description = "The output of the plot (default: the model's first output).")
  String plotOutput;

  @Option(names = "--log", description = "Plot the values on a logarithmic axis.")
  boolean logScale;

  @Option(names = "--plot-individuals", description = "Also draw every individual's curve (thin, grey; at most 500).")
  boolean plotIndividuals;

  @Override
  public Integer call() {
    if (plotFile == null && (plotOutput != null || logScale || plotIndividuals)) {
      throw new InvalidInputException("--plot-output, --log and --plot-individuals need --plot FILE.png|FILE.svg");
    }
    Optional<PlotFile> plotTarget = Optional.ofNullable(plotFile).map(PlotFile::of);
    UnitCatalog units = UnitCatalog.standard();
    PkmlSimulationEngine engine = new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);
    ModelRef ref = new ModelRef(model.toAbsolutePath(), ModelFileHash.sha256(model));
    LoadedModel loaded = engine.load(ref);
    PrintWriter err = spec.commandLine().getErr();
    Optional<PopulationBandsPlot> plot = plotTarget.map(target ->
        PopulationBandsPlot.of(target, Optional.ofNullable(plotOutput), logScale, plotIndividuals, loaded));

    SimulationSpec base = SimulationSpec.of(ref);
    for (String set : sets) {
      base = base.withOverride(SetArgument.parse(set).toOverride(loaded, units));
    }
    Population population = population(loaded, units, err);
    PkOptions pk = PkOptions.defaults();
    if (dosePerBodyWeight != null) {
      pk = pk.withTotalDrugMassPerBodyWeight(dosePerBodyWeight);
    }
    if (infusionTime != null) {
      pk = pk.withInfusionTime(infusionTime);
    }
    List<Double> probabilities = percentiles == null ? PopulationRunRequest.DEFAULT_PERCENTILES
        : percentiles.stream().map(p -> {
          if (!(p >= 0 && p <= 100)) {
            throw new InvalidInputException("--percentiles: " + p + " is not between 0 and 100");
          }
          return p / 100;
        }).toList();
    int workers = threads != null ? threads : AppConfig.load(ProcessConfigSource.fromProcess()).config().jobs().workerThreads();
    if (workers < 1 || workers > 64) {
      throw new InvalidInputException("--threads must be between 1 and 64");
    }

    PopulationProgressBar bar = TerminalProgress.stderrIsTerminal() ? new PopulationProgressBar(err) : null;
    PopulationRunSummary summary;
    try {
      summary = new PopulationRunner(engine, units, workers).run(
          new PopulationRunRequest(loaded, base, population, out, pk, probabilities),
          new RunControl(() -> false, Optional.empty(), bar == null ? ProgressListener.NONE : bar, Clock.systemUTC()));
    } finally {
      if (bar != null) {
        bar.finish();
      }
    }
    for (IndividualFailure f : summary.failures()) {
      err.println("individual " + f.individualId() + " failed: " + f.reason());
    }
    double seconds = summary.wallTime().toNanos() / 1e9;
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(Locale.ROOT, "%d of %d individuals simulated in %.2f s (%.1f individuals/s, %d threads); files in %s%n",
        summary.succeeded(), summary.individuals(), seconds, summary.individuals() / seconds, workers, out);
    stdout.flush();
    if (summary.succeeded() == 0) {
      return ExitCodes.FAILED;
    }
    if (plot.isPresent()) {
      String title = model.getFileName() + " — " + (source.populationFile != null
          ? "population " + source.populationFile.getFileName()
          : summary.individuals() + " sampled individuals (seed " + seed + ")");
      plot.get().write(out.resolve(PopulationFiles.RESULTS), title);
      stdout.println("percentile bands written to " + plotFile);
      stdout.flush();
    }
    return ExitCodes.OK;
  }

  private Population population(LoadedModel loaded, UnitCatalog units, PrintWriter err) {
    if (source.populationFile != null) {
      if (!vary.isEmpty() || sampleDeclared) {
        throw new InvalidInputException("--vary and --sample-declared go with --individuals, not with --population");
      }
      PopulationCsvReader.Options options = PopulationCsvReader.Options.defaults();
      PopulationFile file = new PopulationCsvReader(units, skipUnknownPaths ? options.skippingUnknownPaths() : options)
          .read(source.populationFile, loaded);
      for (String skipped : file.skippedPaths()) {
        err.println("warning: skipped the column '" + skipped + "': no quantity of " + loaded.name() + " has this path");
      }
      return file.population();
    }
    List<VariedParameter> varied = vary.stream().map(v -> VariationSyntax.parse(v, loaded, units)).toList();
    return PopulationSampler.sample(loaded, varied, sampleDeclared, source.individuals, seed);
  }

}
