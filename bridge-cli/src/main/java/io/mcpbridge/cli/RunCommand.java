package io.mcpbridge.cli;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ResultPrecision;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.SolverSettings;
import io.mcpbridge.core.port.ProgressListener;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.units.UnitCatalog;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bridge run}: simulates one .pkml or SimModel .xml file with the native engine and prints the result. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Simulate a .pkml model (or a SimModel .xml file) with the native engine and print the results.",
        "Values are in base units (time in min, amounts in µmol, ...); CSV follows OSP's result export."})
final class RunCommand implements Callable<Integer> {
  enum Format { csv, json }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The simulation file (.pkml, or SimModel .xml).")
  Path model;

  @Option(names = "--set", paramLabel = "PATH=VALUE[UNIT]",
      description = "Set a quantity before the run, e.g. --set 'Organism|Liver|Volume=2 l'. Repeatable; "
          + "without a unit the value is in the base unit.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--output", defaultValue = "csv", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the result to FILE instead of standard output.")
  Path outFile;

  @Option(names = "--rel-tol", paramLabel = "X", description = "Relative tolerance (default: the file's).")
  Double relTol;

  @Option(names = "--abs-tol", paramLabel = "Y", description = "Absolute tolerance (default: the file's).")
  Double absTol;

  @Option(names = "--full-precision", description = "Report double precision instead of OSP's 32-bit floats.")
  boolean fullPrecision;

  @Option(names = "--plot", paramLabel = "FILE.png|FILE.svg",
      description = "Also draw the time profile to FILE (PNG or SVG by its extension; 1200x800; time in h).")
  Path plotFile;

  @Option(names = "--plot-output", paramLabel = "PATH",
      description = "Plot only this quantity path (repeatable); default every reported output.")
  List<String> plotOutputs = new ArrayList<>();

  @Option(names = "--log", description = "Plot the values on a logarithmic axis.")
  boolean logScale;

  @Option(names = "--observed", paramLabel = "FILE.csv",
      description = "Overlay observed data on the plot: a CSV with 'Time [unit],Name [unit],...' columns.")
  Path observedFile;

  @Override
  public Integer call() {
    UnitCatalog units = UnitCatalog.standard();
    Optional<ResultPlot> plot = plotFile == null ? Optional.empty()
        : Optional.of(ResultPlot.of(plotFile, plotOutputs, logScale, Optional.ofNullable(observedFile), units));
    if (plot.isEmpty() && (!plotOutputs.isEmpty() || logScale || observedFile != null)) {
      throw new InvalidInputException("--plot-output, --log and --observed need --plot FILE.png|FILE.svg");
    }
    PkmlSimulationEngine engine = new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);
    ModelRef ref = new ModelRef(model.toAbsolutePath(), ModelFileHash.sha256(model));
    LoadedModel loaded = engine.load(ref);

    SimulationSpec simulation = SimulationSpec.of(ref)
        .withPrecision(fullPrecision ? ResultPrecision.FULL : ResultPrecision.FLOAT32);
    for (String set : sets) {
      simulation = simulation.withOverride(SetArgument.parse(set).toOverride(loaded, units));
    }
    if (relTol != null || absTol != null) {
      SolverSettings own = loaded.solver();
      simulation = simulation.withSolver(own.withTolerances(absTol == null ? own.absTol() : absTol,
          relTol == null ? own.relTol() : relTol));
    }

    PrintWriter err = spec.commandLine().getErr();
    TerminalProgress progress = TerminalProgress.stderrIsTerminal() ? new TerminalProgress(err) : null;
    SimulationResult result;
    try {
      result = engine.run(simulation, new RunControl(() -> false, Optional.empty(),
          progress == null ? ProgressListener.NONE : progress, Clock.systemUTC()));
    } finally {
      if (progress != null) {
        progress.finish();
      }
    }
    if (plot.isPresent()) {
      plot.get().write(result, model.getFileName().toString(), sets);
    }
    write(result, new ResultExport(units, fullPrecision));
    return ExitCodes.OK;
  }

  private void write(SimulationResult result, ResultExport export) {
    if (outFile == null) {
      PrintWriter out = spec.commandLine().getOut();
      emit(result, export, out);
      out.flush();
      return;
    }
    try (PrintWriter out = new PrintWriter(new OutputStreamWriter(Files.newOutputStream(outFile), StandardCharsets.UTF_8))) {
      emit(result, export, out);
      if (out.checkError()) {
        throw new BackendUnavailableException("cannot write " + outFile);
      }
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot write " + outFile + " (" + e.getMessage() + ")", e);
    }
  }

  private void emit(SimulationResult result, ResultExport export, PrintWriter out) {
    if (format == Format.json) {
      export.json(result, out);
    } else {
      export.csv(result, out);
    }
  }


}
