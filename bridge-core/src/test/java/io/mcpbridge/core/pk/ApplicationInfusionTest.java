package io.mcpbridge.core.pk;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The infusion time of a model's only application, as OSP takes it for single-dosing MRT. */
class ApplicationInfusionTest {
  private static final String APP = "Applications|IV_Single|Application_1|ProtocolSchemaItem|";

  private static QuantityInfo parameter(String path, double value) {
    return new QuantityInfo(path, QuantityKind.PARAMETER, value, "Time", "min", false, false);
  }

  private static List<QuantityInfo> infusionModel(double infusionTime) {
    List<QuantityInfo> q = new ArrayList<>();
    q.add(parameter("Organism|Weight", 73));
    q.add(parameter(APP + "Start time", 0));
    q.add(parameter(APP + "Infusion time", infusionTime));
    q.add(parameter(APP + "DosePerBodyWeight", 0));
    return q;
  }

  @Test
  void theOnlyApplicationsInfusionTimeIsTaken() {
    assertThat(ApplicationInfusion.of(infusionModel(60), QuantityInfo::value)).contains(60.0);
  }

  @Test
  void theCurrentValueCountsNotTheFilesValue() {
    Map<String, Double> overrides = Map.of(APP + "Infusion time", 15.0);
    assertThat(ApplicationInfusion.of(infusionModel(60), q -> overrides.getOrDefault(q.path(), q.value())))
        .contains(15.0);
  }

  @Test
  void aBolusOrSeveralApplicationsOrNoneGiveNothing() {
    List<QuantityInfo> bolus = new ArrayList<>(infusionModel(60));
    bolus.removeIf(q -> q.path().endsWith("Infusion time"));
    assertThat(ApplicationInfusion.of(bolus, QuantityInfo::value)).isEmpty();

    List<QuantityInfo> two = new ArrayList<>(infusionModel(60));
    two.add(parameter("Applications|IV_Single|Application_2|ProtocolSchemaItem|Start time", 720));
    two.add(parameter("Applications|IV_Single|Application_2|ProtocolSchemaItem|Infusion time", 60));
    assertThat(ApplicationInfusion.of(two, QuantityInfo::value)).isEmpty();

    assertThat(ApplicationInfusion.of(List.of(parameter("Organism|Weight", 73)), QuantityInfo::value)).isEmpty();
    assertThat(ApplicationInfusion.of(infusionModel(Double.NaN), QuantityInfo::value)).isEmpty();
  }
}
