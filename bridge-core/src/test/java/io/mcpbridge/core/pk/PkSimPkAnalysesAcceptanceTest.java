package io.mcpbridge.core.pk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PK-Sim 7.2's own PK analyses of its 10-individual population run (an independent OSP output),
 * recomputed from PK-Sim's exported float32 time series. The values that do not depend on the
 * terminal phase agree to float precision; those that do are far closer with the default
 * two-point rule than with the regression reading. MRT is not compared: it differs by up to 1 %
 * with either rule (a finding recorded in docs/verification.md).
 */
class PkSimPkAnalysesAcceptanceTest {
  private static final Path DIR = Path.of("shared", "reference", "simmodel-xml", "pksim-europeans-iv-bsa");
  /** PK-Sim's name per our name; PK-Sim displays times in h (× 60 gives min). */
  private static final Map<String, String> PKSIM_NAME = Map.of("C_max", "C_max", "t_max", "t_max", "C_tEnd", "C_tEnd",
      "AUC_tEnd", "AUC", "AUC_inf", "AUC_inf", "Thalf", "Thalf", "FractionAucLastToInf", "FractionAucLastToInf");
  private static final Map<String, Double> FACTOR = Map.of("t_max", 60.0, "Thalf", 60.0);

  private static Path file(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(DIR).resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("reference file " + DIR.resolve(name) + " not found");
  }

  /** PK-Sim's values by "individual|path|name". */
  private static Map<String, Double> pkSim() throws Exception {
    Map<String, Double> out = new HashMap<>();
    List<String> lines = Files.readAllLines(file("Europeans_IVSingle_BSA-PK-Analyses_pksim.csv"), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(";");
      out.put(c[0] + "|" + c[1] + "|" + c[2], Double.parseDouble(c[3]));
    }
    return out;
  }

  private static double worstDeviation(TerminalPhaseFit fit, String onlyName) throws Exception {
    Map<String, Double> expected = pkSim();
    OspResultCsv.Result series = new OspResultCsv().parse(file("Europeans_IVSingle_BSA-Results_pksim.csv"));
    assertThat(series.individuals()).hasSize(10);
    PkParameterCalculator calc = new PkParameterCalculator();
    double worst = 0;
    int compared = 0;
    for (OspResultCsv.Individual ind : series.individuals()) {
      for (var s : ind.series()) {
        PkAnalysis a = calc.calculate(ind.times(), s.values(), "µmol/l",
            PkOptions.defaults().withTerminalPhaseFit(fit).withFloat32Inputs(true));
        for (Map.Entry<String, String> name : PKSIM_NAME.entrySet()) {
          if (onlyName != null && !onlyName.equals(name.getKey())) {
            continue;
          }
          Double want = expected.get(ind.individualId() + "|" + s.path() + "|" + name.getValue());
          assertThat(want).as("PK-Sim value %s %s %s", ind.individualId(), s.path(), name.getValue()).isNotNull();
          double base = want * FACTOR.getOrDefault(name.getKey(), 1.0);
          double ours = a.value(name.getKey()).orElseThrow();
          worst = Math.max(worst, Math.abs(ours - base) / Math.max(Math.abs(base), 1e-30));
          compared++;
        }
      }
    }
    assertThat(compared).isPositive();
    return worst;
  }

  @Test
  void valuesWithoutTheTerminalPhaseMatchPkSimToFloatPrecision() throws Exception {
    for (String name : List.of("C_max", "t_max", "C_tEnd", "AUC_tEnd")) {
      assertThat(worstDeviation(TerminalPhaseFit.ospDefault(), name)).as(name).isLessThan(1e-6);
    }
  }

  @Test
  void twoPointRuleIsPkSimsTerminalPhaseAndRegressionIsNot() throws Exception {
    // Recomputed from float32 series exported by PK-Sim 7.2: Thalf and AUC_inf agree to 3e-4 with
    // the two-point rule (docs/verification.md); the regression's half-lives are 14 % off.
    for (String name : List.of("Thalf", "AUC_inf", "FractionAucLastToInf")) {
      double twoPoint = worstDeviation(TerminalPhaseFit.ospDefault(), name);
      double regression = worstDeviation(TerminalPhaseFit.LOG_LINEAR_REGRESSION, name);
      System.out.printf("PK-Sim 7.2 population, %s: two-point %.3g, regression %.3g%n", name, twoPoint, regression);
      assertThat(twoPoint).as(name).isLessThan(1e-3);
      assertThat(regression).as(name).isGreaterThan(10 * twoPoint);
    }
  }
}
