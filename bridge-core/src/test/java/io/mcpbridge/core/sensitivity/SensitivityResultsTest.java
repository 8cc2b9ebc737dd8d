package io.mcpbridge.core.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** OSP's cumulative-threshold filter, the look-up and the CSV layout. */
class SensitivityResultsTest {
  private static PkSensitivity s(String pk, String path, double value) {
    SensitivityState state = Double.isNaN(value) ? SensitivityState.FAILED_TO_CALCULATE_DEFAULT_PK_VALUE
        : SensitivityState.SUCCESS;
    return new PkSensitivity("Organism|C", ParameterDisplayNames.of(path), path, pk, value, state);
  }

  private final SensitivityResults results = new SensitivityResults(List.of(
      s("C_max", "Organism|a", 0.05), s("C_max", "Organism|b", -0.6), s("C_max", "Organism|c", 0.35),
      s("C_max", "Organism|d", 0.0),
      s("AUC_tEnd", "Organism|a", Double.NaN), s("AUC_tEnd", "Organism|b", 0.0), s("AUC_tEnd", "Organism|c", 0.0)),
      List.of("Organism|a", "Organism|b", "Organism|c", "Organism|d"), 17);

  @Test
  void thresholdKeepsTheLargestUntilTheirShareReachesIt() {
    // |S| sorted: 0.6, 0.35, 0.05, 0 of total 1.0: 0.6 < 0.9, 0.95 ≥ 0.9 → two kept.
    List<PkSensitivity> kept = results.aboveThreshold(0.9);
    assertThat(kept.stream().filter(e -> e.pkParameter().equals("C_max")).map(PkSensitivity::parameterPath))
        .containsExactly("Organism|b", "Organism|c");
    assertThat(results.aboveThreshold(0.5).stream().filter(e -> e.pkParameter().equals("C_max")))
        .extracting(PkSensitivity::parameterPath).containsExactly("Organism|b");
  }

  @Test
  void thresholdOneKeepsEveryNonNaNAndAllZeroGroupsStayWhole() {
    List<PkSensitivity> kept = results.aboveThreshold(1.0);
    assertThat(kept.stream().filter(e -> e.pkParameter().equals("C_max"))).hasSize(4);
    // NaN is dropped; a group whose total is 0 never reaches the threshold, so all its entries stay.
    assertThat(results.aboveThreshold(0.9).stream().filter(e -> e.pkParameter().equals("AUC_tEnd")))
        .extracting(PkSensitivity::parameterPath).containsExactlyInAnyOrder("Organism|b", "Organism|c");
    assertThatThrownBy(() -> results.aboveThreshold(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> results.aboveThreshold(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void findAcceptsPathOrDisplayName() {
    assertThat(results.find("Organism|C", "C_max", "b")).map(PkSensitivity::value).contains(-0.6);
    assertThat(results.find("Organism|C", "C_max", "Organism|c")).map(PkSensitivity::value).contains(0.35);
    assertThat(results.find("Organism|C", "Thalf", "b")).isEmpty();
  }

  @Test
  void csvIsOspsLayout() {
    String csv = SensitivityCsv.toCsv(List.of(
        new PkSensitivity("Organism|A|C", "p1", "Organism|p1", "C_max", 0.352592921099265123, SensitivityState.SUCCESS),
        new PkSensitivity("Organism|A|C", "Liver-Volume", "Organism|Liver|Volume", "Thalf", -0.000234620616781437,
            SensitivityState.SUCCESS),
        new PkSensitivity("Organism|A|C", "p2", "Organism|p2", "t_max", 0.0, SensitivityState.SUCCESS),
        new PkSensitivity("Organism|A|C", "p3", "Organism|p3", "MRT", Double.NaN,
            SensitivityState.FAILED_TO_CALCULATE_DEFAULT_PK_VALUE)));
    assertThat(csv.split("\n")).containsExactly(
        "\"QuantityPath\",\"Parameter\",\"PKParameter\",\"Value\",\"ParameterPath\"",
        "\"Organism|A|C\",\"p1\",\"C_max\",0.352592921099265,\"Organism|p1\"",
        "\"Organism|A|C\",\"Liver-Volume\",\"Thalf\",-0.000234620616781437,\"Organism|Liver|Volume\"",
        "\"Organism|A|C\",\"p2\",\"t_max\",0,\"Organism|p2\"",
        "\"Organism|A|C\",\"p3\",\"MRT\",NaN,\"Organism|p3\"");
  }

  @Test
  void displayNamesDropOrganismAndStayUnique() {
    assertThat(ParameterDisplayNames.of("Organism|p1")).isEqualTo("p1");
    assertThat(ParameterDisplayNames.of("Organism|Liver|Volume")).isEqualTo("Liver-Volume");
    assertThat(ParameterDisplayNames.of("Aciclovir|Lipophilicity")).isEqualTo("Aciclovir-Lipophilicity");
    assertThat(ParameterDisplayNames.of(List.of("Organism|a|b", "Organism|a-b", "Organism|c")))
        .containsEntry("Organism|a|b", "Organism|a|b").containsEntry("Organism|a-b", "Organism|a-b")
        .containsEntry("Organism|c", "c");
  }
}
