package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge run} as a real process on the esqlabsR simple reference model (case A). */
class RunIT {
  /** OSP's value of Organism|Liver|B at 300 min (reference README, case A: its Cmax at t = 300). */
  private static final double OSP_LIVER_B_300 = 33.5021171569824;

  @TempDir Path work;

  private static Path model() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared/reference/pkml/models/esqlabsR_simple.pkml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("reference model esqlabsR_simple.pkml not found above " + Path.of("").toAbsolutePath());
  }

  @Test
  void csvFollowsOspsExportLayoutAndMatchesOsp() throws Exception {
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of(), "run", model().toString());

    assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
    List<String> lines = outcome.stdout().lines().toList();
    List<String> header = List.of(lines.get(0).split(","));
    // Columns in the file's output-selection order.
    assertThat(header).containsExactly("IndividualId", "Time [min]", "Organism|B [µmol]", "Organism|Liver|A [µmol]",
        "Organism|Liver|B [µmol]", "Organism|A [µmol]");
    assertThat(lines).hasSize(1 + 21);
    String[] last = lines.get(21).split(",");
    assertThat(last[0]).isEqualTo("0");
    assertThat(Double.parseDouble(last[1])).isEqualTo(300.0);
    // Float32 output (as OSP stores it) carries ~6e-8 relative; the engine matches OSP to float precision.
    double liverB = Double.parseDouble(last[header.indexOf("Organism|Liver|B [µmol]")]);
    assertThat(liverB).isCloseTo(OSP_LIVER_B_300, within(1e-6 * OSP_LIVER_B_300));
  }

  /** PK-Sim's kernel file of Europeans_IVSingle_BSA (SimModel XML) runs like a .pkml file. */
  @Test
  void simModelXmlRunsWithItsOwnOutputsAndGrid() throws Exception {
    Path xml = model().getParent().getParent().getParent()
        .resolve("simmodel-xml/pksim-europeans-iv-bsa/Europeans_IVSingle_BSA.xml");
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of(), "run", xml.toString());

    assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
    List<String> lines = outcome.stdout().lines().toList();
    assertThat(lines.get(0)).contains(
        "Organism|PeripheralVenousBlood|C1|Plasma (Peripheral Venous Blood) [µmol/l]");
    // 0–120 min in 41 points and 120–1440 min in 89 points share t = 120: 129 output times.
    assertThat(lines).hasSize(1 + 129);
    assertThat(Double.parseDouble(lines.get(129).split(",")[1])).isEqualTo(1440.0);
  }

  @Test
  void setWithAUnitIsConvertedAndJsonCarriesStatistics() throws Exception {
    Path out = work.resolve("result.json");
    // k1 = 0 stops both reactions: the amounts keep their start values.
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of(), "run", model().toString(),
        "--set", "R1|k1=0 1/h", "--output", "json", "--out", out.toString(), "--full-precision");

    assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertThat(json.get("times")).hasSize(21);
    assertThat(json.get("timeUnit").asText()).isEqualTo("min");
    JsonNode liverA = null;
    for (JsonNode s : json.get("series")) {
      liverA = s.get("path").asText().equals("Organism|Liver|A") ? s : liverA;
    }
    assertThat(liverA).isNotNull();
    assertThat(liverA.get("unit").asText()).isEqualTo("µmol");
    assertThat(liverA.get("values").get(20).asDouble()).isEqualTo(30.0);
    assertThat(json.get("statistics").has("steps")).isTrue();
  }

  @Test
  void unitOfTheWrongDimensionIsAUsageError() throws Exception {
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of(), "run", model().toString(),
        "--set", "Organism|Liver|Volume=2 mg");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stderr()).startsWith("error: ").contains("Organism|Liver|Volume").contains("mg")
        .doesNotContain("\tat ");
    assertThat(outcome.stdout()).isEmpty();
  }
}
