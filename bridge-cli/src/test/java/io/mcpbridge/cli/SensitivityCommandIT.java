package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridge sensitivity run} and {@code bridge pk --terminal-phase} as real processes on the
 * shared reference data.
 */
class SensitivityCommandIT {
  /** The output OSP's reference analysis reports. */
  private static final String OUTPUT = "Organism|A|Concentration in container";
  @TempDir Path work;

  private static Path reference(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/reference").resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("reference file " + relative + " not found above " + Path.of("").toAbsolutePath());
  }

  /** Individual 3 of the population as --set arguments (the file's units are base units). */
  private static List<String> individual3() throws Exception {
    List<String> lines = Files.readAllLines(reference("population/Pop500_p1p2p3.csv"), StandardCharsets.UTF_8)
        .stream().filter(l -> !l.startsWith("#")).toList();
    String[] header = lines.get(0).split(",");
    String[] row = lines.stream().filter(l -> l.startsWith("3,")).findFirst().orElseThrow().split(",");
    List<String> args = new ArrayList<>();
    for (int c = 0; c < header.length; c++) {
      String column = header[c].replace("\"", "");
      if (column.contains("|")) {
        args.add("--set");
        args.add(column.substring(0, column.lastIndexOf(" [")) + "=" + row[c]);
      }
    }
    return args;
  }

  private static Map<String, Double> values(Path csv) throws Exception {
    Map<String, Double> out = new HashMap<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.replace("\"", "").split(",");
      out.put(c[0] + "/" + c[2] + "/" + c[4] + "/" + c[1], Double.parseDouble(c[3]));
    }
    return out;
  }

  @Test
  void individual3OfThePopulationReproducesOspsExport() throws Exception {
    Path out = work.resolve("sa.csv");
    List<String> args = new ArrayList<>(List.of("sensitivity", "run", reference("population/MiniModel2.pkml").toString(),
        "--outputs", OUTPUT, "--pk", "C_max", "t_max", "C_tEnd", "AUC_tEnd", "Thalf", "--out", out.toString()));
    args.addAll(individual3());

    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of(), args.toArray(String[]::new));

    assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
    assertThat(outcome.stdout()).contains("20 sensitivities of 4 parameters from 17 runs");
    assertThat(Files.readAllLines(out).get(0)).isEqualTo("\"QuantityPath\",\"Parameter\",\"PKParameter\",\"Value\",\"ParameterPath\"");
    Map<String, Double> ours = values(out);
    Map<String, Double> osp = values(reference("population/MiniModel2_individual3_sensitivity_ospsuite.csv"));
    assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(osp.keySet());
    osp.forEach((key, value) -> assertThat(ours.get(key)).as(key).isCloseTo(value, within(1e-4)));
  }

  @Test
  void thresholdKeepsTheLargestSensitivities() throws Exception {
    Path out = work.resolve("top.csv");
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of(), "sensitivity", "run",
        reference("population/MiniModel2.pkml").toString(), "--outputs", OUTPUT, "--pk", "AUC_tEnd", "--threshold", "0.5",
        "--out", out.toString());

    assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.size()).isBetween(2, 4);
    assertThat(lines.subList(1, lines.size())).allMatch(l -> l.contains("\"AUC_tEnd\""));
  }

  @Test
  void badInputNamesEveryProblemAndWritesNothing() throws Exception {
    Path out = work.resolve("never.csv");
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of(), "sensitivity", "run",
        reference("population/MiniModel2.pkml").toString(), "--steps", "0", "--range", "1.5",
        "--parameters", "Organism|Nope", "--outputs", "Organism|Missing", "--out", out.toString());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stderr().strip()).doesNotContain("\n")
        .contains("steps", "range", "Organism|Nope", "Organism|Missing").doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }

  @Test
  void pkDefaultIsTheTwoPointRuleAndRegressionIsSelectable() throws Exception {
    String csv = reference("pkml/pk-calculator/SingleDosing_CL.csv").toString();
    BridgeProcess.Outcome byDefault = BridgeProcess.run(work, Map.of(), "pk", "--csv", csv);
    BridgeProcess.Outcome regression = BridgeProcess.run(work, Map.of(), "pk", "--csv", csv, "--terminal-phase", "regression");
    BridgeProcess.Outcome unknown = BridgeProcess.run(work, Map.of(), "pk", "--csv", csv, "--terminal-phase", "ols");

    assertThat(byDefault.exitCode()).as(byDefault.stderr()).isZero();
    assertThat(regression.exitCode()).as(regression.stderr()).isZero();
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    double aucDefault = json.readTree(byDefault.stdout()).elements().next().get("AUC_inf").get("value").asDouble();
    double aucRegression = json.readTree(regression.stdout()).elements().next().get("AUC_inf").get("value").asDouble();
    // OSP's PK-calculator specification prints 80.71106 (met by the regression reading only).
    assertThat(aucRegression).isCloseTo(80.71106, within(1e-2));
    assertThat(Math.abs(aucDefault - 80.71106)).isGreaterThan(1e-2);
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stderr()).contains("last-two-points", "regression");
  }

  @Test
  void pkWithDosingGivesOspsMultipleDoseNamesAndOspCsvUsesDisplayUnits() throws Exception {
    String csv = reference("pkml/pk-calculator/MultipleDosing_0_8_16.csv").toString();
    BridgeProcess.Outcome json = BridgeProcess.run(work, Map.of(), "pk", "--csv", csv, "--dosing", "0:4,8:4,16:2",
        "--terminal-phase", "regression");
    BridgeProcess.Outcome osp = BridgeProcess.run(work, Map.of(), "pk", "--csv", csv, "--dosing", "0,8,16",
        "--format", "osp-csv");
    BridgeProcess.Outcome bad = BridgeProcess.run(work, Map.of(), "pk", "--csv", csv, "--dosing", "0,eight");

    assertThat(json.exitCode()).as(json.stderr()).isZero();
    var values = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.stdout()).elements().next();
    // OSP's PK-calculator specification for this file (dosing at 0, 8, 16; doses 4, 4, 2).
    assertThat(values.get("C_max_tDLast_tEnd").get("value").asDouble()).isCloseTo(16.72404671, within(1e-2));
    assertThat(values.get("AUC_tDLast_minus_1_tDLast").get("value").asDouble()).isCloseTo(53.43142, within(1e-2));
    assertThat(values.get("AUC_inf_tDLast").get("value").asDouble()).isCloseTo(152.2144, within(1e-2));
    assertThat(values.get("AUC_tD1_tD2_norm").get("value").asDouble())
        .isCloseTo(values.get("AUC_tD1_tD2").get("value").asDouble() / 4, within(1e-9));
    assertThat(values.has("CL")).isFalse();

    assertThat(osp.exitCode()).as(osp.stderr()).isZero();
    List<String> lines = osp.stdout().lines().toList();
    assertThat(lines.get(0)).isEqualTo("IndividualId,QuantityPath,Parameter,Value,Unit");
    String thalf = lines.stream().filter(l -> l.contains(",Thalf_tDLast_tEnd,")).findFirst().orElseThrow();
    assertThat(thalf).endsWith(",h");
    assertThat(lines.stream().filter(l -> l.contains(",C_trough_tD2,"))).hasSize(1);

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).contains("--dosing").contains("eight");
  }
}
