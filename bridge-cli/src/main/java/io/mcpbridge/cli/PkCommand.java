package io.mcpbridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.pk.OspResultCsv;
import io.mcpbridge.core.pk.PkAnalysis;
import io.mcpbridge.core.pk.PkOptions;
import io.mcpbridge.core.pk.PkParameterCalculator;
import io.mcpbridge.core.pk.PkParameterValue;
import io.mcpbridge.core.pk.TerminalPhaseFit;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bridge pk}: OSP's standard PK parameters of every series in an OSP result CSV. */
@Command(name = "pk", mixinStandardHelpOptions = true,
    description = {"Compute OSP's standard PK parameters for every quantity in an OSP result CSV",
        "(header: IndividualId,Time [min],<quantity path> [<unit>],…; BOM and quotes tolerated; , or ; separated).",
        "Values are reported in base units. With several individuals, keys are prefixed with the individual id."})
final class PkCommand implements Callable<Integer> {
  enum Format { json, table }

  @Spec CommandSpec spec;

  @Option(names = "--csv", required = true, description = "The result CSV file.")
  Path csv;

  @Option(names = "--dose-per-bw", description = "Total drug mass per body weight in µmol/kg (enables CL, Vss, Vd, _norm).")
  Double dosePerBodyWeight;

  @Option(names = "--infusion-time", description = "Infusion time in minutes (MRT is corrected by half of it).")
  Double infusionTime;

  @Option(names = "--terminal-phase", defaultValue = "last-two-points",
      description = "Terminal-phase rule for λz: last-two-points (OSP's shipped calculator, as PK-Sim and ospsuite output) "
          + "or regression (least squares over the window, as OSP's PK-calculator specifications print). Default: ${DEFAULT-VALUE}.")
  String terminalPhase;

  @Option(names = "--format", defaultValue = "json", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws Exception {
    OspResultCsv.Result result = new OspResultCsv().parse(csv);
    PkOptions options = PkOptions.defaults().withTerminalPhaseFit(TerminalPhaseFit.fromWireName(terminalPhase));
    if (dosePerBodyWeight != null) {
      options = options.withTotalDrugMassPerBodyWeight(dosePerBodyWeight);
    }
    if (infusionTime != null) {
      options = options.withInfusionTime(infusionTime);
    }
    PkParameterCalculator calculator = new PkParameterCalculator();
    boolean several = result.individuals().size() > 1;
    Map<String, PkAnalysis> analyses = new LinkedHashMap<>();
    for (OspResultCsv.Individual individual : result.individuals()) {
      for (TimeSeries series : individual.series()) {
        String key = several ? individual.individualId() + "|" + series.path() : series.path();
        analyses.put(key, calculator.calculate(individual.times(), series, options));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      out.println(json(analyses));
    } else {
      table(analyses, out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String json(Map<String, PkAnalysis> analyses) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    analyses.forEach((path, analysis) -> {
      ObjectNode byName = root.putObject(path);
      for (PkParameterValue p : analysis.parameters()) {
        ObjectNode v = byName.putObject(p.name());
        if (p.value() == null) {
          v.putNull("value");
        } else {
          v.put("value", p.value());
        }
        v.put("unit", p.unit());
        p.reason().ifPresent(r -> v.put("reason", r.name()));
      }
    });
    return mapper.writeValueAsString(root);
  }

  private static void table(Map<String, PkAnalysis> analyses, PrintWriter out) {
    out.printf("%-60s %-28s %16s  %s%n", "quantity", "parameter", "value", "unit");
    analyses.forEach((path, analysis) -> {
      for (PkParameterValue p : analysis.parameters()) {
        String value = p.value() == null ? "— (" + p.reason().map(Enum::name).orElse("undefined") + ")"
            : String.format("%.7g", p.value());
        out.printf("%-60s %-28s %16s  %s%n", path, p.name(), value, p.unit());
      }
    });
  }
}
