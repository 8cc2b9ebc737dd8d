package io.mcpbridge.core.pk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OSP's dosing rules on a model view laid out as PK-Sim lays out applications. */
class ApplicationDosingTest {
  private static QuantityInfo parameter(String path, double value) {
    return new QuantityInfo(path, QuantityKind.PARAMETER, value, "", "", false, false);
  }

  private static QuantityInfo amount(String path) {
    return new QuantityInfo(path, QuantityKind.MOLECULE_AMOUNT, 0, "Amount", "", false, true);
  }

  private static QuantityInfo observer(String path) {
    return new QuantityInfo(path, QuantityKind.OBSERVER, 0, "Concentration (molar)", "", true, false);
  }

  /** Applications of C1 at the given starts (min) with drug masses (µmol), one of the metabolite M1 at 10 min. */
  private static List<QuantityInfo> model(double[] starts, double[] masses, Double infusion) {
    List<QuantityInfo> q = new ArrayList<>();
    q.add(parameter("Organism|Weight", 80));
    q.add(amount("Organism|VenousBlood|Plasma|C1"));
    q.add(observer("Organism|PeripheralVenousBlood|C1|Plasma (Peripheral Venous Blood)"));
    q.add(amount("Organism|VenousBlood|Plasma|M1"));
    for (int i = 0; i < starts.length; i++) {
      String app = "Applications|Protocol|Application_" + (i + 1);
      q.add(amount(app + "|C1"));
      q.add(parameter(app + "|ProtocolSchemaItem|Start time", starts[i]));
      q.add(parameter(app + "|ProtocolSchemaItem|DrugMass", masses[i]));
      if (infusion != null) {
        q.add(parameter(app + "|ProtocolSchemaItem|Infusion time", infusion));
      }
    }
    q.add(amount("Applications|Other|M1"));
    q.add(parameter("Applications|Other|ProtocolSchemaItem|Start time", 10));
    q.add(parameter("C1|Total drug mass", java.util.Arrays.stream(masses).sum()));
    q.add(parameter("Events|EHC|Start time", 120)); // not an application: no amount of C1 under it
    return q;
  }

  @Test
  void givenApplicationsOutOfOrder_theIntervalsRunFromStartToStartAndTheLastToTheEnd() {
    ApplicationDosing dosing = new ApplicationDosing(model(new double[] {480, 0, 960}, new double[] {40, 80, 20}, 30.0));

    ApplicationDosing.Dosing d = dosing.forOutput("Organism|PeripheralVenousBlood|C1|Plasma (Peripheral Venous Blood)",
        1440);

    assertThat(d.molecule()).contains("C1");
    assertThat(d.intervals()).containsExactly(new DosingInterval(0, 480, 1.0), new DosingInterval(480, 960, 0.5),
        new DosingInterval(960, 1440, 0.25));
    assertThat(d.totalDrugMassPerBodyWeight()).isCloseTo(140.0 / 80, within(1e-12));
    assertThat(d.infusionTime()).as("only for single dosing").isNull();
  }

  @Test
  void givenOneApplicationThatIsAnInfusion_singleDosingKeepsItsInfusionTime() {
    ApplicationDosing.Dosing d = new ApplicationDosing(model(new double[] {0}, new double[] {80}, 30.0))
        .forOutput("Organism|VenousBlood|Plasma|C1", 600);

    assertThat(d.intervals()).containsExactly(new DosingInterval(0, 600, 1.0));
    assertThat(d.infusionTime()).isEqualTo(30.0);
  }

  @Test
  void givenApplicationsAfterTheEnd_theyAreDroppedAndStartsAreFloats() {
    ApplicationDosing.Dosing d = new ApplicationDosing(model(new double[] {0, 0.1, 2000}, new double[] {8, 8, 8}, null))
        .forOutput("Organism|VenousBlood|Plasma|C1", 1440);

    assertThat(d.applications()).hasSize(2);
    assertThat(d.intervals().get(1).start()).isEqualTo((double) 0.1f);
  }

  @Test
  void givenAnotherMoleculeOrNoWeight_eachOutputGetsItsOwnDosing() {
    List<QuantityInfo> q = model(new double[] {0, 480}, new double[] {8, 8}, null);
    ApplicationDosing.Dosing metabolite = new ApplicationDosing(q).forOutput("Organism|VenousBlood|Plasma|M1", 1440);
    assertThat(metabolite.molecule()).contains("M1");
    assertThat(metabolite.intervals()).containsExactly(new DosingInterval(10, 1440, null));

    q.removeIf(x -> x.path().equals("Organism|Weight"));
    ApplicationDosing.Dosing noWeight = new ApplicationDosing(q).forOutput("Organism|VenousBlood|Plasma|C1", 1440);
    assertThat(noWeight.intervals()).extracting(DosingInterval::dosePerBodyWeight).containsOnlyNulls();
    assertThat(noWeight.totalDrugMassPerBodyWeight()).isNull();

    ApplicationDosing.Dosing none = new ApplicationDosing(q).forOutput("Organism|Weightless", 1440);
    assertThat(none.molecule()).isEmpty();
    assertThat(none.intervals()).isEmpty();
  }
}
