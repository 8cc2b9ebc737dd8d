package io.mcpbridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.pk.DosingInterval;
import io.mcpbridge.core.pk.LambdaZSelection;
import io.mcpbridge.core.pk.LambdaZWindow;
import io.mcpbridge.core.pk.OspDisplayUnits;
import io.mcpbridge.core.pk.OspResultCsv;
import io.mcpbridge.core.pk.PkAnalysis;
import io.mcpbridge.core.pk.PkOptions;
import io.mcpbridge.core.pk.PkParameterCalculator;
import io.mcpbridge.core.pk.PkParameterValue;
import io.mcpbridge.core.pk.TerminalPhaseFit;
import io.mcpbridge.core.pk.UserDefinedPkParameter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
  enum Format { json, table, osp_csv }

  @Spec CommandSpec spec;

  @Option(names = "--csv", required = true, description = "The result CSV file.")
  Path csv;

  @Option(names = "--dose-per-bw", description = "Total drug mass per body weight in µmol/kg (enables CL, Vss, Vd, _norm).")
  Double dosePerBodyWeight;

  @Option(names = "--infusion-time", description = "Infusion time in minutes (MRT is corrected by half of it).")
  Double infusionTime;

  @Option(names = "--terminal-phase", defaultValue = "last-two-points",
      description = "Terminal-phase rule for λz: last-two-points (OSP's shipped calculator, as PK-Sim and ospsuite output), "
          + "regression (least squares over the window, as OSP's PK-calculator specifications print) or nca (best fit as "
          + "PKNCA/WinNonlin: the last 3 or more positive samples after t_max with the highest adjusted R²; json and table "
          + "output then show the chosen window). Default: ${DEFAULT-VALUE}.")
  String terminalPhase;

  @Option(names = "--dosing", paramLabel = "START[:DOSE_PER_BW],...", split = ",",
      description = "Application start times in minutes for multiple dosing, each optionally with its dose per body weight "
          + "(µmol/kg), e.g. 0,480,960 or 0:2,480:2. Interval i runs to the next start, the last to the last sample.")
  List<String> dosing = new ArrayList<>();

  @Option(names = "--user-pk", paramLabel = "KEY=VALUE,...",
      description = "A user-defined PK parameter (ospsuite's addUserDefinedPKParameter), repeatable: name, base (C_max, "
          + "C_min, t_max, t_min, C_trough, AUC_tEnd, AUCM_tEnd, AUC_inf, AUC_tEnd_inf, CL, MRT, FractionAucEndToInf, Thalf, "
          + "Vss, Vd, Tthreshold, and the _norm variants), start/end (min) or startApplication/endApplication (1-based, "
          + "with --dosing), startOffset/endOffset (min), normalizationFactor, threshold (for Tthreshold), e.g. "
          + "'name=MyCmax,base=C_max,start=0,end=480'.")
  List<String> userPk = new ArrayList<>();

  @Option(names = "--format", defaultValue = "json", converter = FormatConverter.class,
      description = "Output: json, table or osp-csv (OSP's PK-analyses layout IndividualId,QuantityPath,Parameter,Value,Unit "
          + "in OSP's display units) (default: ${DEFAULT-VALUE}).")
  Format format;

  /** Accepts osp-csv for the enum constant osp_csv. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value.replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException("expected json, table or osp-csv, not '" + value + "'");
      }
    }
  }

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
    List<double[]> applications = applications(dosing);
    List<UserDefinedPkParameter> userDefined = userDefined(userPk);
    PkParameterCalculator calculator = new PkParameterCalculator();
    boolean several = result.individuals().size() > 1;
    Map<String, PkAnalysis> analyses = new LinkedHashMap<>();
    List<String[]> ospRows = new ArrayList<>();
    for (OspResultCsv.Individual individual : result.individuals()) {
      double[] t = individual.times();
      PkOptions own = applications.isEmpty() ? options : options.withDosingIntervals(intervals(applications, t[t.length - 1]));
      for (TimeSeries series : individual.series()) {
        String key = several ? individual.individualId() + "|" + series.path() : series.path();
        PkAnalysis analysis = calculator.calculate(t, series, own, userDefined);
        analyses.put(key, analysis);
        for (PkParameterValue p : analysis.parameters()) {
          OspDisplayUnits.Display d = OspDisplayUnits.of(p.unit());
          String value = p.value() == null ? "NaN" : Double.toString(p.value() * d.factor());
          ospRows.add(new String[] {Integer.toString(individual.individualId()), series.path(), p.name(), value, d.unit()});
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      out.println(json(analyses));
    } else if (format == Format.osp_csv) {
      out.println("IndividualId,QuantityPath,Parameter,Value,Unit");
      for (String[] row : ospRows) {
        out.println(row[0] + "," + quoted(row[1]) + "," + row[2] + "," + row[3] + "," + row[4]);
      }
    } else {
      table(analyses, out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** Reads every --user-pk; one error names the problems of all of them. */
  private static List<UserDefinedPkParameter> userDefined(List<String> definitions) {
    List<UserDefinedPkParameter> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String d : definitions) {
      try {
        out.add(UserDefinedPkParameter.parse(d));
      } catch (InvalidInputException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("--user-pk: " + String.join("; ", problems));
    }
    return UserDefinedPkParameter.distinct(out);
  }

  /** Parses START[:DOSE] items into sorted {start, dose or NaN}. */
  private static List<double[]> applications(List<String> items) {
    List<double[]> out = new ArrayList<>();
    for (String item : items) {
      String[] parts = item.trim().split(":", -1);
      try {
        double start = Double.parseDouble(parts[0]);
        double dose = parts.length > 1 ? Double.parseDouble(parts[1]) : Double.NaN;
        if (parts.length > 2 || !Double.isFinite(start) || parts.length > 1 && !(dose > 0 && Double.isFinite(dose))) {
          throw new NumberFormatException();
        }
        out.add(new double[] {start, dose});
      } catch (NumberFormatException e) {
        throw new InvalidInputException("--dosing: '" + item + "' is not START[:DOSE_PER_BW] (minutes, positive µmol/kg)");
      }
    }
    out.sort(java.util.Comparator.comparingDouble(a -> a[0]));
    return out;
  }

  /** OSP's intervals: each application to the next, the last to the end of the series. */
  private static List<DosingInterval> intervals(List<double[]> applications, double end) {
    List<DosingInterval> out = new ArrayList<>();
    for (int i = 0; i < applications.size(); i++) {
      double start = applications.get(i)[0];
      double stop = i + 1 < applications.size() ? applications.get(i + 1)[0] : end;
      double dose = applications.get(i)[1];
      out.add(new DosingInterval(start, stop, Double.isNaN(dose) ? null : dose));
    }
    return out;
  }

  private static String quoted(String text) {
    return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
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
      if (!analysis.terminalPhases().isEmpty()) {
        ObjectNode windows = byName.putObject("terminalPhase");
        analysis.terminalPhases().forEach((halfLife, selection) -> window(windows.putObject(halfLife), selection));
      }
    });
    return mapper.writeValueAsString(root);
  }

  /** The best-fit window behind a half-life: points, times, λz, R², adjusted R², span; or the reason. */
  private static void window(ObjectNode node, LambdaZSelection selection) {
    selection.reason().ifPresent(r -> node.put("reason", r.name()));
    selection.window().ifPresent(w -> node
        .put("points", w.points())
        .put("firstTime", w.firstTime())
        .put("lastTime", w.lastTime())
        .put("lambdaZ", w.lambdaZ())
        .put("rSquared", w.rSquared())
        .put("adjustedRSquared", w.adjustedRSquared())
        .put("span", w.span()));
  }

  private static String windowText(LambdaZSelection selection) {
    if (selection.window().isEmpty()) {
      return "no λz window (" + selection.reason().map(Enum::name).orElse("undefined") + ")";
    }
    LambdaZWindow w = selection.window().get();
    return String.format(java.util.Locale.ROOT, "λz %.7g 1/min from %d points, t %.7g..%.7g min, R² %.6f, adj. R² %.6f, span %.3g",
        w.lambdaZ(), w.points(), w.firstTime(), w.lastTime(), w.rSquared(), w.adjustedRSquared(), w.span());
  }

  private static void table(Map<String, PkAnalysis> analyses, PrintWriter out) {
    out.printf("%-60s %-28s %16s  %s%n", "quantity", "parameter", "value", "unit");
    analyses.forEach((path, analysis) -> {
      for (PkParameterValue p : analysis.parameters()) {
        String value = p.value() == null ? "— (" + p.reason().map(Enum::name).orElse("undefined") + ")"
            : String.format("%.7g", p.value());
        out.printf("%-60s %-28s %16s  %s%n", path, p.name(), value, p.unit());
      }
      analysis.terminalPhases().forEach((halfLife, selection) ->
          out.printf("%-60s %-28s %s%n", path, halfLife + " window", windowText(selection)));
    });
  }
}
