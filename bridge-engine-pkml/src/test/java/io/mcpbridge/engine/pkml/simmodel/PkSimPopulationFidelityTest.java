package io.mcpbridge.engine.pkml.simmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.OutputInterval;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.ResultPrecision;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.pk.PkAnalysis;
import io.mcpbridge.core.pk.PkOptions;
import io.mcpbridge.core.pk.PkParameterCalculator;
import io.mcpbridge.core.pk.TerminalPhaseFit;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.engine.pkml.EngineFixture;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PK-Sim 7.2's population run of Europeans_IVSingle_BSA, reproduced from the kernel file: every
 * individual's parameter values from the population CSV (bare paths, base units) are applied as
 * overrides, and the time series and PK analyses are compared with PK-Sim's own exports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PkSimPopulationFidelityTest {
  static final String PLASMA = "Organism|PeripheralVenousBlood|C1|Plasma (Peripheral Venous Blood)";
  static final String BONE = "Organism|Bone|Intracellular|C1|Concentration in container";
  static final String TOTAL_DRUG_MASS = "C1|Total drug mass";
  static final String WEIGHT = "Organism|Weight";
  /** The goal for time series: PK-Sim's values above the absolute tolerance to 1e-4 relative. */
  static final double REL = 1e-4;
  /** The goal for PK parameters. */
  static final double PK_REL = 1e-3;
  /** The λz rule PK-Sim 7.2 used for this export. */
  static final TerminalPhaseFit PKSIM_RULE = TerminalPhaseFit.LAST_TWO_POINTS;
  static final String HEIGHT = "Organism|Height";
  /** The IV application: an infusion whose duration OSP subtracts (half of it) from MRT. */
  static final String INFUSION_TIME = "Applications|IV_Single|Application_1|ProtocolSchemaItem|Infusion time";
  /** The application's drug mass (µmol): DosePerBodySurfaceArea · BSA(Weight, Height) / MW. */
  static final String DRUG_MASS = "Applications|IV_Single|Application_1|ProtocolSchemaItem|DrugMass";
  /** PK-Sim's dose per body weight, as its export implies it, against ours: rounding of the export only. */
  static final double DOSE_REL = 1e-6;

  /**
   * PK-Sim's export name → (the calculator's name, factor from the calculator's base unit to
   * PK-Sim's display unit). Base units: min, µmol/l, l/min/kg, l/kg, kg/l, kg·min/l.
   */
  static final Map<String, Object[]> PK_NAMES = new LinkedHashMap<>();

  static {
    PK_NAMES.put("C_max", new Object[] {"C_max", 1.0});
    PK_NAMES.put("C_max_norm", new Object[] {"C_max_norm", 1e6}); // kg/l → mg/l
    PK_NAMES.put("t_max", new Object[] {"t_max", 1 / 60.0}); // min → h
    PK_NAMES.put("C_tEnd", new Object[] {"C_tEnd", 1.0});
    PK_NAMES.put("AUC", new Object[] {"AUC_tEnd", 1.0});
    PK_NAMES.put("AUC_norm", new Object[] {"AUC_tEnd_norm", 1e9}); // kg·min/l → µg·min/l
    PK_NAMES.put("AUC_inf", new Object[] {"AUC_inf", 1.0});
    PK_NAMES.put("AUC_inf_norm", new Object[] {"AUC_inf_norm", 1e9});
    PK_NAMES.put("MRT", new Object[] {"MRT", 1 / 60.0});
    PK_NAMES.put("Thalf", new Object[] {"Thalf", 1 / 60.0});
    PK_NAMES.put("FractionAucLastToInf", new Object[] {"FractionAucLastToInf", 1.0});
    PK_NAMES.put("CL", new Object[] {"CL", 1e3}); // l/min/kg → ml/min/kg
    PK_NAMES.put("Vss", new Object[] {"Vss", 1e3}); // l/kg → ml/kg
    PK_NAMES.put("Vd", new Object[] {"Vd", 1e3});
  }

  private final PkmlSimulationEngine engine = EngineFixture.engine();
  private final Map<String, SimulationResult> results = new LinkedHashMap<>();
  /** Per individual: the dose per body weight (µmol/kg) PK-Sim 7.2 normalises with. */
  private final Map<String, Double> pkSimDose = new LinkedHashMap<>();
  private double absTol;
  private double infusionTime;

  @BeforeAll
  void runThePopulation() throws Exception {
    ModelRef model = EngineFixture.ref(SimModelData.pksim("Europeans_IVSingle_BSA.xml"));
    LoadedModel loaded = engine.load(model);
    absTol = loaded.solver().absTol();
    infusionTime = loaded.quantities().stream().filter(q -> q.path().equals(INFUSION_TIME)).findFirst()
        .orElseThrow().value();
    assertThat(infusionTime).as("the IV application is a 60 min infusion").isEqualTo(60.0);
    Map<String, QuantityInfo> quantities = loaded.quantities().stream()
        .collect(Collectors.toMap(QuantityInfo::path, q -> q));
    SemicolonTable population = SemicolonTable.read(SimModelData.pksim("Europeans_IVSingle_BSA.csv"));
    List<String> unknown = new ArrayList<>();
    for (String column : population.header()) {
      if (column.contains("|") && !quantities.containsKey(column)) {
        unknown.add(column);
      }
    }
    assertThat(unknown).as("population columns that are not quantities of the model").isEmpty();
    for (String[] row : population.rows()) {
      SimulationSpec spec = SimulationSpec.of(model).withOutputs(List.of(PLASMA, BONE, TOTAL_DRUG_MASS, WEIGHT))
          .withPrecision(ResultPrecision.FULL);
      for (int c = 0; c < row.length; c++) {
        String column = population.header().get(c);
        if (quantities.containsKey(column)) {
          spec = spec.withOverride(new ParameterOverride(column, Double.parseDouble(row[c])));
        }
      }
      results.put(row[0], engine.run(spec, RunControl.unbounded()));
      pkSimDose.put(row[0], pkSimDosePerBodyWeight(model, population.header(), row, quantities));
    }
    assertThat(results).hasSize(10);
  }

  @Test
  void everyIndividualReproducesPkSimsTimeSeries() throws Exception {
    SemicolonTable expected = SemicolonTable.read(SimModelData.pksim("Europeans_IVSingle_BSA-Results_pksim.csv"));
    int plasmaColumn = expected.column(PLASMA + " [µmol/l]");
    int boneColumn = expected.column(BONE + " [µmol/l]");
    StringBuilder report = new StringBuilder();
    for (Map.Entry<String, SimulationResult> individual : results.entrySet()) {
      String id = individual.getKey();
      SimulationResult r = individual.getValue();
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
      report.append(String.format("individual %s: worst rel %.3e (%s)%n", id, worst, where));
      assertThat(worst).as("worst relative difference of individual %s (%s)", id, where).isLessThanOrEqualTo(REL);
    }
    System.out.print(report);
  }

  /**
   * PK-Sim 7.2 computes PK on its float32 results with λz from the last two samples (the
   * calculator's {@link TerminalPhaseFit#LAST_TWO_POINTS}); the log-linear regression over the last
   * tenth of the samples is shown to disagree, so the finding is checked, not assumed. The IV
   * application is a 60 min infusion: MRT is AUMC_inf/AUC_inf minus half the infusion time (and Vss
   * = CL·MRT). PK-Sim normalises by the application's dose computed with the individual's body
   * weight but the template individual's height (docs/verification.md); that dose is computed here
   * from the model and checked against the dose PK-Sim's export implies (CL·AUC_inf).
   */
  @Test
  void everyIndividualReproducesPkSimsPkAnalyses() throws Exception {
    SemicolonTable expected = SemicolonTable.read(SimModelData.pksim("Europeans_IVSingle_BSA-PK-Analyses_pksim.csv"));
    Map<TerminalPhaseFit, Double> worstByRule = new LinkedHashMap<>();
    StringBuilder report = new StringBuilder();
    double worstMrt = 0;
    for (TerminalPhaseFit rule : TerminalPhaseFit.values()) {
      double worstOfRule = 0;
      for (Map.Entry<String, SimulationResult> individual : results.entrySet()) {
        String id = individual.getKey();
        SimulationResult r = individual.getValue();
        double modelDose = r.series(TOTAL_DRUG_MASS).orElseThrow().values()[0]
            / r.series(WEIGHT).orElseThrow().values()[0];
        double dose = pkSimDose.get(id);
        double implied = impliedDose(expected, id);
        if (rule == PKSIM_RULE) {
          report.append(String.format("individual %s: dose per body weight PK-Sim %.7g µmol/kg (implied by its export"
              + " %.7g), with the individual's own height %.7g µmol/kg%n", id, dose, implied, modelDose));
          assertThat(Math.abs(dose - implied) / implied).as("PK-Sim's dose of individual %s", id)
              .isLessThanOrEqualTo(DOSE_REL);
        }
        PkOptions options = PkOptions.defaults().withTerminalPhaseFit(rule).withFloat32Inputs(true)
            .withTotalDrugMassPerBodyWeight(dose).withInfusionTime(infusionTime);
        double worst = 0;
        String where = "";
        for (String[] row : expected.rows()) {
          if (!row[0].equals(id)) {
            continue;
          }
          assertThat(row[1]).isIn(PLASMA, BONE);
          PkAnalysis pk = new PkParameterCalculator().calculate(r.times(),
              r.series(row[1]).orElseThrow().values(), "µmol/l", options);
          Object[] name = PK_NAMES.get(row[2]);
          assertThat(name).as("PK-Sim parameter %s is mapped", row[2]).isNotNull();
          Double ours = pk.parameter((String) name[0]).orElseThrow().value();
          double want = Double.parseDouble(row[3]);
          double got = ours == null ? Double.NaN : ours * (double) name[1];
          double rel = Math.abs(got - want) / Math.abs(want);
          if (rule == PKSIM_RULE && (row[2].equals("MRT") || row[2].equals("Vss"))) {
            worstMrt = Math.max(worstMrt, rel);
          }
          if (!(rel <= worst)) {
            worst = rel;
            where = row[1].substring(row[1].lastIndexOf('|') + 1) + " " + row[2] + " pksim=" + want + " ours=" + got;
          }
        }
        worstOfRule = Double.isNaN(worst) || Double.isNaN(worstOfRule) ? Double.NaN : Math.max(worstOfRule, worst);
        if (rule == PKSIM_RULE) {
          report.append(String.format("individual %s: worst PK rel %.3e (%s)%n", id, worst, where));
          assertThat(worst).as("worst PK difference of individual %s (%s)", id, where).isLessThanOrEqualTo(PK_REL);
        }
      }
      worstByRule.put(rule, worstOfRule);
    }
    System.out.print(report);
    System.out.println("worst PK difference by λz rule: " + worstByRule);
    System.out.printf("MRT/Vss: worst rel %.3e%n", worstMrt);
    assertThat(worstByRule.get(TerminalPhaseFit.LOG_LINEAR_REGRESSION)).as("the regression rule is not PK-Sim 7.2's")
        .isGreaterThan(PK_REL);
  }

  /**
   * MRT without the infusion correction (a bolus reading) misses PK-Sim's MRT by more than the PK
   * goal: the correction is what makes MRT agree, not a coincidence of tolerances.
   */
  @Test
  void mrtWithoutTheInfusionCorrectionDisagrees() throws Exception {
    SemicolonTable expected = SemicolonTable.read(SimModelData.pksim("Europeans_IVSingle_BSA-PK-Analyses_pksim.csv"));
    double best = Double.POSITIVE_INFINITY;
    for (String[] row : expected.rows()) {
      if (!row[2].equals("MRT")) {
        continue;
      }
      SimulationResult r = results.get(row[0]);
      PkOptions bolus = PkOptions.defaults().withTerminalPhaseFit(PKSIM_RULE).withFloat32Inputs(true);
      Double mrt = new PkParameterCalculator().calculate(r.times(), r.series(row[1]).orElseThrow().values(),
          "µmol/l", bolus).parameter("MRT").orElseThrow().value();
      double want = Double.parseDouble(row[3]);
      best = Math.min(best, Math.abs(mrt / 60 - want) / want);
    }
    assertThat(best).as("smallest MRT difference without the infusion correction").isGreaterThan(PK_REL);
  }

  /**
   * The dose per body weight PK-Sim 7.2 used for this individual's PK: the model's drug mass
   * evaluated with every population value of the individual except Height (the template
   * individual's height stays), divided by the individual's weight.
   */
  private double pkSimDosePerBodyWeight(ModelRef model, List<String> header, String[] row,
      Map<String, QuantityInfo> quantities) {
    SimulationSpec spec = SimulationSpec.of(model).withOutputs(List.of(DRUG_MASS, WEIGHT))
        .withOutputIntervals(List.of(new OutputInterval(0, 1, 1))).withPrecision(ResultPrecision.FULL);
    for (int c = 0; c < row.length; c++) {
      String column = header.get(c);
      if (quantities.containsKey(column) && !column.equals(HEIGHT)) {
        spec = spec.withOverride(new ParameterOverride(column, Double.parseDouble(row[c])));
      }
    }
    SimulationResult r = engine.run(spec, RunControl.unbounded());
    return r.series(DRUG_MASS).orElseThrow().values()[0] / r.series(WEIGHT).orElseThrow().values()[0];
  }

  /** PK-Sim's dose per body weight (µmol/kg) as its plasma CL [ml/min/kg] · AUC_inf [µmol·min/l] implies. */
  private static double impliedDose(SemicolonTable expected, String id) {
    double cl = Double.NaN;
    double aucInf = Double.NaN;
    for (String[] row : expected.rows()) {
      if (row[0].equals(id) && row[1].equals(PLASMA)) {
        cl = row[2].equals("CL") ? Double.parseDouble(row[3]) : cl;
        aucInf = row[2].equals("AUC_inf") ? Double.parseDouble(row[3]) : aucInf;
      }
    }
    return cl * 1e-3 * aucInf;
  }
}
