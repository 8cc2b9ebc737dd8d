package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.pk.PkOptions;
import io.mcpbridge.core.population.PopulationCsvReader;
import io.mcpbridge.core.population.PopulationFiles;
import io.mcpbridge.core.population.PopulationRunRequest;
import io.mcpbridge.core.population.PopulationRunSummary;
import io.mcpbridge.core.population.PopulationRunner;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.service.ModelAccess;
import io.mcpbridge.core.units.UnitCatalog;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MiniModel2 with the individuals of {@code Pop500_p1p2p3.csv}: every individual's series in
 * results.csv equals a single run with that individual's values set the way {@code bridge run
 * --set 'PATH=VALUE UNIT'} sets them, as the same 32-bit floats; the aggregates equal statistics
 * computed here from those single runs.
 */
class PopulationAcceptanceTest {
  @TempDir Path out;

  @Test
  void everyIndividualEqualsItsSingleRunAndTheAggregatesEqualAnIndependentComputation() throws IOException {
    Path modelFile = reference("population", "MiniModel2.pkml");
    Path populationFile = reference("population", "Pop500_p1p2p3.csv");
    UnitCatalog units = UnitCatalog.standard();
    PkmlSimulationEngine engine = new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);
    ModelRef ref = new ModelRef(modelFile, ModelAccess.sha256(modelFile));
    LoadedModel model = engine.load(ref);

    List<String> raw = Files.readAllLines(populationFile, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    int n = raw.size() - 1; // the file is named Pop500 and holds ids 0…498
    var population = new PopulationCsvReader(units, PopulationCsvReader.Options.defaults())
        .read(populationFile, model).population();
    assertThat(population.size()).isEqualTo(n).isEqualTo(499);
    PopulationRunSummary summary = new PopulationRunner(engine, units, 2).run(new PopulationRunRequest(model,
        SimulationSpec.of(ref), population, out, PkOptions.defaults(), PopulationRunRequest.DEFAULT_PERCENTILES),
        RunControl.unbounded());
    assertThat(summary.succeeded()).isEqualTo(n);
    assertThat(summary.failures()).isEmpty();

    // Single runs, from the raw text of the population file, through `bridge run`'s --set parsing.
    List<String> header = Arrays.stream(raw.get(0).split(",")).map(h -> h.replace("\"", "")).toList();
    List<String> results = Files.readAllLines(out.resolve(PopulationFiles.RESULTS), StandardCharsets.UTF_8);
    int row = 1;
    Map<String, List<double[]>> byOutputAndTime = new LinkedHashMap<>();
    double[] times = null;
    for (String line : raw.subList(1, raw.size())) {
      String[] fields = line.split(",");
      SimulationSpec spec = SimulationSpec.of(ref);
      for (int c = 4; c < header.size(); c++) {
        String[] pathAndUnit = header.get(c).split(" \\[");
        String set = pathAndUnit[0] + "=" + fields[c] + " " + pathAndUnit[1].replace("]", "");
        spec = spec.withOverride(SetArgument.parse(set).toOverride(model, units));
      }
      SimulationResult single = engine.run(spec, RunControl.unbounded());
      times = single.times();
      for (int t = 0; t < single.times().length; t++, row++) {
        String[] written = results.get(row).split(",");
        assertThat(written[0]).isEqualTo(fields[0]);
        assertThat(Float.parseFloat(written[1])).isEqualTo((float) single.times()[t]);
        for (int s = 0; s < single.series().size(); s++) {
          assertThat(Float.parseFloat(written[2 + s]))
              .as("individual %s, %s at t=%s", fields[0], single.series().get(s).path(), single.times()[t])
              .isEqualTo((float) single.series().get(s).values()[t]);
        }
      }
      for (TimeSeries s : single.series()) {
        List<double[]> perTime = byOutputAndTime.computeIfAbsent(s.path(), k -> new ArrayList<>());
        for (int t = 0; t < s.values().length; t++) {
          if (perTime.size() <= t) {
            perTime.add(new double[0]);
          }
          double[] grown = Arrays.copyOf(perTime.get(t), perTime.get(t).length + 1);
          grown[grown.length - 1] = s.values()[t];
          perTime.set(t, grown);
        }
      }
    }
    assertThat(row).isEqualTo(results.size());

    List<String> aggregates = Files.readAllLines(out.resolve(PopulationFiles.AGGREGATES), StandardCharsets.UTF_8);
    int line = 1;
    for (Map.Entry<String, List<double[]>> e : byOutputAndTime.entrySet()) {
      for (int t = 0; t < times.length; t++, line++) {
        String[] f = splitAggregate(aggregates.get(line));
        assertThat(f[0]).isEqualTo(e.getKey());
        double[] x = e.getValue().get(t).clone();
        Arrays.sort(x);
        double mean = Arrays.stream(x).sum() / x.length;
        double ss = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum();
        assertThat(Integer.parseInt(f[3])).isEqualTo(n);
        assertThat(Double.parseDouble(f[4])).isCloseTo(mean, within(1e-12 * Math.max(1, Math.abs(mean))));
        assertThat(Double.parseDouble(f[5])).isCloseTo(Math.sqrt(ss / (n - 1)), within(1e-9 * Math.max(1e-6, Math.abs(mean))));
        assertThat(Double.parseDouble(f[8])).isEqualTo(x[0]);
        assertThat(Double.parseDouble(f[9])).isEqualTo(x[n - 1]);
        double[] p = {0.05, 0.25, 0.5, 0.75, 0.95};
        for (int i = 0; i < p.length; i++) {
          double h = (n - 1) * p[i];
          int lo = (int) Math.floor(h);
          double expected = lo + 1 < x.length ? x[lo] + (h - lo) * (x[lo + 1] - x[lo]) : x[lo];
          assertThat(Double.parseDouble(f[10 + i])).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
        }
      }
    }
    assertThat(line).isEqualTo(aggregates.size());
  }

  /** Aggregate rows quote paths with separators; MiniModel2's have none. */
  private static String[] splitAggregate(String line) {
    return line.split(",");
  }

  private static Path reference(String directory, String file) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(Path.of("shared", "reference", directory, file));
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("reference file " + directory + "/" + file + " not found");
  }
}
