package io.mcpbridge.engine.pkml.simmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.ResultPrecision;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.engine.pkml.EngineFixture;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * PK-Sim 7.2's population run of Europeans_IVSingle_BSA, reproduced from the kernel file: every
 * individual's parameter values from the population CSV (bare paths, base units) are applied as
 * overrides, and the time series are compared with PK-Sim's own export.
 */
class PkSimPopulationFidelityTest {
  static final String PLASMA = "Organism|PeripheralVenousBlood|C1|Plasma (Peripheral Venous Blood)";
  static final String BONE = "Organism|Bone|Intracellular|C1|Concentration in container";

  /** The goal: PK-Sim's values above the absolute tolerance to 1e-4 relative. */
  static final double REL = 1e-4;

  private final PkmlSimulationEngine engine = EngineFixture.engine();

  @Test
  void everyIndividualReproducesPkSimsTimeSeries() throws Exception {
    ModelRef model = EngineFixture.ref(SimModelData.pksim("Europeans_IVSingle_BSA.xml"));
    LoadedModel loaded = engine.load(model);
    double absTol = loaded.solver().absTol();
    Map<String, QuantityInfo> quantities = loaded.quantities().stream()
        .collect(Collectors.toMap(QuantityInfo::path, q -> q));
    SemicolonTable population = SemicolonTable.read(SimModelData.pksim("Europeans_IVSingle_BSA.csv"));
    SemicolonTable expected = SemicolonTable.read(SimModelData.pksim("Europeans_IVSingle_BSA-Results_pksim.csv"));
    int plasmaColumn = expected.column(PLASMA + " [µmol/l]");
    int boneColumn = expected.column(BONE + " [µmol/l]");

    List<String> unknown = new ArrayList<>();
    for (String column : population.header()) {
      if (column.contains("|") && !quantities.containsKey(column)) {
        unknown.add(column);
      }
    }
    assertThat(unknown).as("population columns that are not quantities of the model").isEmpty();

    StringBuilder report = new StringBuilder();
    for (String[] row : population.rows()) {
      String id = row[0];
      List<ParameterOverride> overrides = new ArrayList<>();
      for (int c = 0; c < row.length; c++) {
        String column = population.header().get(c);
        if (quantities.containsKey(column)) {
          overrides.add(new ParameterOverride(column, Double.parseDouble(row[c])));
        }
      }
      SimulationResult r = engine.run(withOverrides(SimulationSpec.of(model), overrides)
          .withOutputs(List.of(PLASMA, BONE)).withPrecision(ResultPrecision.FULL), RunControl.unbounded());
      List<String[]> rows = expected.rows().stream().filter(e -> e[0].equals(id)).toList();
      assertThat(r.times()).hasSize(rows.size());
      double[] plasma = r.series(PLASMA).orElseThrow().values();
      double[] bone = r.series(BONE).orElseThrow().values();
      double worst = 0;
      String where = "";
      for (int i = 0; i < rows.size(); i++) {
        double t = Double.parseDouble(rows.get(i)[1]);
        assertThat((float) r.times()[i]).isEqualTo((float) t);
        for (int s = 0; s < 2; s++) {
          double want = Double.parseDouble(rows.get(i)[s == 0 ? plasmaColumn : boneColumn]);
          double got = s == 0 ? plasma[i] : bone[i];
          if (Math.abs(want) > absTol) {
            double rel = Math.abs(got - want) / Math.abs(want);
            if (rel > worst) {
              worst = rel;
              where = (s == 0 ? "plasma" : "bone") + " t=" + t + " pksim=" + want + " ours=" + got;
            }
          }
        }
      }
      report.append(String.format("individual %s: %d overrides, worst rel %.3e (%s)%n", id, overrides.size(), worst,
          where));
      assertThat(worst).as("worst relative difference of individual %s (%s)", id, where).isLessThanOrEqualTo(REL);
    }
    System.out.print(report);
  }

  static SimulationSpec withOverrides(SimulationSpec spec, List<ParameterOverride> overrides) {
    SimulationSpec out = spec;
    for (ParameterOverride o : overrides) {
      out = out.withOverride(o);
    }
    return out;
  }
}
