package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.service.tools.GetJobStatusTool;
import io.mcpbridge.core.service.tools.GetParameterValueTool;
import io.mcpbridge.core.service.tools.GetSimulationResultsTool;
import io.mcpbridge.core.service.tools.ListParametersTool;
import io.mcpbridge.core.service.tools.ParameterView;
import io.mcpbridge.core.service.tools.RunSimulationTool;
import io.mcpbridge.core.service.tools.SetParameterValueTool;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** list/get/set_parameter_value on the bundled models with the real engine: wildcards, paging, units, revisions. */
class ParameterToolsTest {
  private static final Principal ALICE = BridgeFixture.caller("alice", Role.OPERATOR);
  private static final String VOLUME = "Organism|Central|Volume";
  private static final String DRUG = "Organism|Central|Drug";
  private static final String DOSE = "Applications|IV bolus|Dose";
  // 300 g/mol in the bundled models' base unit kg/µmol.
  private static final double MOLECULAR_WEIGHT = 3e-7;

  private BridgeFixture bridge;

  @BeforeEach
  void load() {
    bridge = new BridgeFixture();
    bridge.load("one_compartment_iv_bolus.pkml", "iv", ALICE);
  }

  @Test
  void givenOneLevelWildcard_listParameters_matchesExactlyOneLevelCaseInsensitively() {
    ListParametersTool.Output out = list("organism|*|volume", 1, 100);

    assertThat(paths(out)).containsExactly(VOLUME);
  }

  @Test
  void givenAnyDepthWildcard_listParameters_matchesEveryDepthIncludingNone() {
    List<String> underOrganism = paths(list("Organism|**", 1, 1000));
    List<String> deepConcentration = paths(list("**|Concentration", 1, 1000));

    assertThat(underOrganism).contains("Organism|Weight", VOLUME, DRUG, DRUG + "|Concentration")
        .allMatch(p -> p.startsWith("Organism|")).doesNotContain("Drug|Molecular weight");
    assertThat(deepConcentration).containsExactly(DRUG + "|Concentration");
    assertThat(paths(list("Organism|**|Weight", 1, 100))).containsExactly("Organism|Weight");
  }

  @Test
  void givenSmallPages_listParameters_returnsDisjointPagesThatTogetherAreTheWhole() {
    ListParametersTool.Output all = list("**", 1, 1000);
    int total = all.total();
    assertThat(total).isGreaterThan(4).isEqualTo(all.parameters().size());

    List<String> paged = new java.util.ArrayList<>();
    for (int page = 1; page <= (total + 2) / 3; page++) {
      ListParametersTool.Output p = list("**", page, 3);
      assertThat(p.total()).isEqualTo(total);
      assertThat(p.parameters().size()).isLessThanOrEqualTo(3);
      paged.addAll(paths(p));
    }
    assertThat(paged).containsExactlyElementsOf(paths(all));
    assertThat(list("**", 1000, 3).parameters()).isEmpty();
  }

  @Test
  void givenBadPaging_listParameters_isRefused() {
    assertThatThrownBy(() -> list("**", 0, 10)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> list("**", 1, 1001)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> list("Organism|a**b", 1, 10)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("**");
  }

  @Test
  void givenMillilitres_setParameterValue_storesLitresInANewRevision() {
    SetParameterValueTool.Output out = set(VOLUME, 20_000, "ml", null);

    assertThat(out.revision()).isEqualTo(2);
    assertThat(out.previousRevision()).isEqualTo(1);
    assertThat(out.previousValue()).isEqualTo(15.0);
    assertThat(out.parameter().value()).isCloseTo(20.0, within(1e-12));
    assertThat(out.parameter().unit()).isEqualTo("l");
    assertThat(get(VOLUME, null, null).parameter().value()).isCloseTo(20.0, within(1e-12));
  }

  @Test
  void givenHours_setParameterValue_storesMinutes() {
    SetParameterValueTool.Output out = set("Applications|IV bolus|StartTime", 2, "h", null);

    assertThat(out.parameter().value()).isCloseTo(120.0, within(1e-9));
    assertThat(out.parameter().unit()).isEqualTo("min");
  }

  @Test
  void givenMilligramsForAMoleculeAmount_setParameterValue_convertsWithTheMolecularWeight() {
    SetParameterValueTool.Output out = set(DRUG, 3, "mg", null);

    // 3 mg = 3e-6 kg; / 3e-7 kg/µmol = 10 µmol.
    assertThat(out.parameter().value()).isCloseTo(10.0, within(1e-9));
  }

  @Test
  void givenMilligramsForTheDose_setParameterValue_convertsWithTheModelsMolecularWeight() {
    SetParameterValueTool.Output out = set(DOSE, 30, "mg", null);

    assertThat(out.parameter().value()).isCloseTo(30e-6 / MOLECULAR_WEIGHT, within(1e-9));
  }

  @Test
  void givenMicromolesAsked_getParameterValue_reportsMassInMilligramsToo() {
    GetParameterValueTool.Output dose = get(DOSE, null, "mg");

    // 100 µmol · 3e-7 kg/µmol = 3e-5 kg = 30 mg.
    assertThat(dose.parameter().value()).isEqualTo(100.0);
    assertThat(dose.converted()).hasValueSatisfying(c -> {
      assertThat(c.unit()).isEqualTo("mg");
      assertThat(c.value()).isCloseTo(30.0, within(1e-9));
    });
  }

  @Test
  void givenVolumeAsked_getParameterValue_convertsToMillilitres() {
    GetParameterValueTool.Output v = get(VOLUME, null, "ml");

    assertThat(v.converted()).hasValueSatisfying(c -> assertThat(c.value()).isCloseTo(15_000.0, within(1e-9)));
  }

  @Test
  void givenWrongDimension_setParameterValue_listsAcceptedUnitsAndCreatesNoRevision() {
    assertThatThrownBy(() -> set(VOLUME, 1, "h", null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("accepted").hasMessageContaining("ml").hasMessageContaining("l");
    assertThatThrownBy(() -> set(DRUG, 1, "h", null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("accepted").hasMessageContaining("mg");

    assertThat(bridge.registry.findSimulation(new SimulationId("iv")).orElseThrow().revision()).isEqualTo(1);
  }

  @Test
  void givenWrongDimension_getParameterValue_isInvalidInput() {
    assertThatThrownBy(() -> get(VOLUME, null, "h")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ml");
  }

  @Test
  void givenScaleMode_setParameterValue_multipliesTheCurrentValue() {
    set(VOLUME, 20, null, null);

    SetParameterValueTool.Output scaled = set(VOLUME, 1.5, null, "scale");

    assertThat(scaled.previousValue()).isEqualTo(20.0);
    assertThat(scaled.parameter().value()).isCloseTo(30.0, within(1e-12));
    assertThat(scaled.revision()).isEqualTo(3);
    assertThatThrownBy(() -> set(VOLUME, 2, "ml", "scale")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> set(VOLUME, 2, null, "relative")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("absolute or scale");
  }

  @Test
  void givenUnknownPathOrWildcard_setParameterValue_isRefusedWithoutARevision() {
    assertThatThrownBy(() -> set("Organism|Nowhere|Volume", 1, null, null)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> set("Organism|*|Volume", 1, null, null)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> set(VOLUME, Double.NaN, null, null)).isInstanceOf(InvalidInputException.class);

    assertThat(bridge.registry.findSimulation(new SimulationId("iv")).orElseThrow().revision()).isEqualTo(1);
  }

  @Test
  void givenANewRevision_previousRevision_staysReadableAndRunsWithItsOwnValues() {
    set(VOLUME, 20, null, null);

    assertThat(get(VOLUME, 1, null).parameter().value()).isEqualTo(15.0);
    assertThat(get(VOLUME, 1, null).parameter().overridden()).isFalse();
    assertThat(get(VOLUME, 2, null).parameter().value()).isEqualTo(20.0);

    double[] first = amountAt600(run(Optional.of(1)));
    double[] latest = amountAt600(run(Optional.empty()));
    // A(600) = 100 e^(-0.1/V · 600): V = 15 l in revision 1, 20 l in revision 2.
    assertThat(first[1]).isCloseTo(100 * Math.exp(-4), org.assertj.core.data.Percentage.withPercentage(0.2));
    assertThat(latest[1]).isCloseTo(100 * Math.exp(-3), org.assertj.core.data.Percentage.withPercentage(0.2));
  }

  private RunSimulationTool.Output run(Optional<Integer> revision) {
    RunSimulationTool.Output job = bridge.call("run_simulation",
        new RunSimulationTool.Input("iv", revision, Optional.empty(), Optional.empty(), Optional.empty()), ALICE,
        RunSimulationTool.Output.class);
    bridge.backend.runNext();
    return job;
  }

  private double[] amountAt600(RunSimulationTool.Output job) {
    GetJobStatusTool.Output status = bridge.call("get_job_status", new GetJobStatusTool.Input(job.jobId()), ALICE,
        GetJobStatusTool.Output.class);
    assertThat(status.status()).isEqualTo(JobState.SUCCEEDED.wireName());
    GetSimulationResultsTool.Output results = bridge.call("get_simulation_results",
        new GetSimulationResultsTool.Input(status.resultHandle().orElseThrow().resultsId(), Optional.of(List.of(DRUG))),
        ALICE, GetSimulationResultsTool.Output.class);
    int at = Arrays.binarySearch(results.times(), 600.0);
    assertThat(at).isGreaterThanOrEqualTo(0);
    return new double[] {results.revision(), results.series().get(0).values()[at]};
  }

  private ListParametersTool.Output list(String pattern, int page, int limit) {
    return bridge.call("list_parameters", new ListParametersTool.Input("iv", Optional.of(pattern), Optional.empty(),
        Optional.of(page), Optional.of(limit)), ALICE, ListParametersTool.Output.class);
  }

  private GetParameterValueTool.Output get(String path, Integer revision, String unit) {
    return bridge.call("get_parameter_value", new GetParameterValueTool.Input("iv", path, Optional.ofNullable(revision),
        Optional.ofNullable(unit)), ALICE, GetParameterValueTool.Output.class);
  }

  private SetParameterValueTool.Output set(String path, double value, String unit, String mode) {
    return bridge.call("set_parameter_value", new SetParameterValueTool.Input("iv", path, value,
        Optional.ofNullable(unit), Optional.ofNullable(mode), Optional.empty()), ALICE, SetParameterValueTool.Output.class);
  }

  private static List<String> paths(ListParametersTool.Output out) {
    return out.parameters().stream().map(ParameterView::path).toList();
  }
}
