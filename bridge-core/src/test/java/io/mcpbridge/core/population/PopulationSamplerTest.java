package io.mcpbridge.core.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import io.mcpbridge.core.units.UnitCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PopulationSamplerTest {
  private final LoadedModel model = PopulationModels.small();
  private final UnitCatalog units = UnitCatalog.standard();

  private VariedParameter vary(String text) {
    return VariationSyntax.parse(text, model, units);
  }

  private double[] column(Population p, int column) {
    return p.individuals().stream().mapToDouble(i -> i.values()[column]).toArray();
  }

  @Test
  void theSameSeedGivesTheSameIndividualsWhateverThePopulationSize() {
    List<VariedParameter> varied = List.of(vary("Organism|Weight=normal(73, 12, min=40) kg"),
        vary("Organism|k=lognormal(0.1, cv=0.3) 1/min"), vary("Organism|p1=discrete(1, 2, 3)"));
    Population big = PopulationSampler.sample(model, varied, false, 1000, 42);
    Population again = PopulationSampler.sample(model, varied, false, 1000, 42);
    Population first = PopulationSampler.sample(model, varied, false, 10, 42);
    Population other = PopulationSampler.sample(model, varied, false, 10, 43);
    for (int i = 0; i < 1000; i++) {
      assertThat(again.individuals().get(i).values()).isEqualTo(big.individuals().get(i).values());
    }
    for (int i = 0; i < 10; i++) {
      assertThat(first.individuals().get(i).values()).isEqualTo(big.individuals().get(i).values());
      assertThat(other.individuals().get(i).values()).isNotEqualTo(big.individuals().get(i).values());
    }
    assertThat(big.individuals()).extracting(PopulationIndividual::id).startsWith(0, 1, 2).endsWith(999);
  }

  @Test
  void samplesFollowTheirDistributions() {
    int n = 20_000;
    Population p = PopulationSampler.sample(model, List.of(
        vary("Organism|Weight=normal(70000, 10000) g"),
        vary("Organism|k=lognormal(0.2, 1.5)"),
        vary("Organism|Height=uniform(150, 190) cm"),
        vary("Organism|p1=discrete(1, 2, 3, 4)"),
        vary("Organism|Liver|Volume=normal(1.5, 1, min=1, max=2)")), false, n, 7);
    SampleStatistics w = SampleStatistics.of(column(p, 0), List.of(0.5));
    assertThat(w.mean()).isCloseTo(70, within(0.3)); // 4 standard errors: 4·10/√20000 ≈ 0.28
    assertThat(w.sd()).isCloseTo(10, within(0.25));
    SampleStatistics k = SampleStatistics.of(column(p, 1), List.of(0.5));
    assertThat(k.geoMean()).isCloseTo(0.2, within(0.2 * 4 * Math.log(1.5) / Math.sqrt(n) * 1.1));
    assertThat(k.geoSd()).isCloseTo(1.5, within(0.02));
    SampleStatistics h = SampleStatistics.of(column(p, 2), List.of(0.5));
    assertThat(h.min()).isGreaterThanOrEqualTo(15.0);
    assertThat(h.max()).isLessThan(19.0);
    assertThat(h.mean()).isCloseTo(17, within(0.05));
    assertThat(Arrays.stream(column(p, 3)).distinct().sorted().toArray()).containsExactly(1, 2, 3, 4);
    assertThat(Arrays.stream(column(p, 3)).filter(v -> v == 4).count()).isBetween(4700L, 5300L);
    SampleStatistics v = SampleStatistics.of(column(p, 4), List.of(0.5));
    assertThat(v.min()).isGreaterThanOrEqualTo(1.0);
    assertThat(v.max()).isLessThanOrEqualTo(2.0);
  }

  @Test
  void declaredDistributionsAreSampledByPercentile() {
    List<QuantityInfo> quantities = new ArrayList<>(model.quantities());
    quantities.add(new QuantityInfo("Organism|Fat|Volume", QuantityKind.DISTRIBUTED_PARAMETER, 3, "Volume", "l", false, false));
    quantities.add(PopulationModels.parameter("Organism|Fat|Volume|Percentile", "Dimensionless"));
    quantities.add(new QuantityInfo("Organism|Bone|Volume", QuantityKind.DISTRIBUTED_PARAMETER, 3, "Volume", "l", false, false));
    quantities.add(PopulationModels.parameter("Organism|Bone|Volume|Percentile", "Dimensionless"));
    LoadedModel withDistributions = new LoadedModel(model.ref(), model.name(), quantities, List.of(), List.of(), model.solver());
    Population p = PopulationSampler.sample(withDistributions,
        List.of(VariationSyntax.parse("Organism|Bone|Volume=uniform(1, 2)", withDistributions, units)), true, 500, 1);
    assertThat(p.parameterPaths()).containsExactly("Organism|Bone|Volume", "Organism|Fat|Volume|Percentile");
    double[] percentiles = column(p, 1);
    assertThat(Arrays.stream(percentiles).min().orElseThrow()).isGreaterThan(0);
    assertThat(Arrays.stream(percentiles).max().orElseThrow()).isLessThan(1);
  }

  @Test
  void badVariationsAreRefusedWithTheirText() {
    assertThatThrownBy(() -> vary("Organism|Nope=normal(1, 2)")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'Organism|Nope=normal(1, 2)'").hasMessageContaining("no quantity");
    assertThatThrownBy(() -> vary("Organism|Weight=normal(1)")).hasMessageContaining("expected 2 numbers");
    assertThatThrownBy(() -> vary("Organism|Weight=normal(1, -2)")).hasMessageContaining("sd");
    assertThatThrownBy(() -> vary("Organism|Weight=gamma(1, 2)")).hasMessageContaining("expected PATH=DIST");
    assertThatThrownBy(() -> vary("Organism|Weight=normal(70, 10) l")).hasMessageContaining("does not fit the dimension 'Mass'");
    assertThatThrownBy(() -> vary("Organism|Weight=uniform(2, 1)")).hasMessageContaining("low < high");
    assertThatThrownBy(() -> vary("Organism|Weight=lognormal(1, 2, shape=3)")).hasMessageContaining("unknown arguments [shape]");
    assertThatThrownBy(() -> vary("Organism|Weight=normal(1, x)")).hasMessageContaining("'x' is not a number");
    assertThatThrownBy(() -> PopulationSampler.sample(model,
        List.of(vary("Organism|Weight=normal(0, 1, min=100)")), false, 3, 1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("excludes");
    assertThatThrownBy(() -> PopulationSampler.sample(model,
        List.of(vary("Organism|Weight=normal(0, 1)"), vary("Organism|Weight=uniform(0, 1)")), false, 3, 1))
        .hasMessageContaining("more than once");
    assertThatThrownBy(() -> PopulationSampler.sample(model, List.of(), false, 3, 1)).hasMessageContaining("nothing to vary");
    assertThatThrownBy(() -> PopulationSampler.sample(model, List.of(vary("Organism|k=uniform(0,1)")), false, 0, 1))
        .hasMessageContaining("at least 1");
  }

  @Test
  void unitsConvertLocationsAndSdsToBaseUnits() {
    Distribution.Normal n = (Distribution.Normal) vary("Organism|Height=normal(176, 7, min=100) cm").distribution();
    assertThat(n.mean()).isCloseTo(17.6, within(1e-12));
    assertThat(n.sd()).isCloseTo(0.7, within(1e-12));
    assertThat(n.min()).isCloseTo(10, within(1e-12));
    Distribution.LogNormal l = (Distribution.LogNormal) vary("Organism|k=lognormal(6, cv=0.5) 1/h").distribution();
    assertThat(l.geometricMean()).isCloseTo(0.1, within(1e-15));
    assertThat(l.geometricSd()).isCloseTo(Math.exp(Math.sqrt(Math.log(1.25))), within(1e-15));
  }
}
