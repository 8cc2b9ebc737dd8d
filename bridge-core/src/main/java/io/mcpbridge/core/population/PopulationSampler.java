package io.mcpbridge.core.population;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Samples a population of {@code n} individuals (ids 0 … n−1). Individual {@code i} draws from its
 * own generator seeded from (seed, i), so the same seed gives the same individuals whatever the
 * thread count, worker count or chunking, and individual {@code i} is the same in a population of
 * any size ≥ i + 1.
 *
 * <p>Draw order within an individual: the varied parameters in the given order, then — if asked —
 * one percentile for each distributed parameter the model declares (model order, those not varied
 * explicitly), uniform on (0, 1) and set as {@code <path>|Percentile}; the engine turns it into the
 * value with the parameter's own distribution, as PK-Sim samples distributed parameters.
 */
public final class PopulationSampler {
  private static final String PERCENTILE = "Percentile";

  private PopulationSampler() {}

  /**
   * @param model the model the parameters belong to
   * @param varied explicit distributions, paths unique
   * @param sampleDeclared also sample the model's own distributed parameters by percentile
   * @param n number of individuals, ≥ 1
   * @param seed the seed
   * @throws InvalidInputException if a path repeats, n is not positive, or a truncation excludes
   *     its distribution
   */
  public static Population sample(LoadedModel model, List<VariedParameter> varied, boolean sampleDeclared, int n,
      long seed) {
    if (n < 1) {
      throw new InvalidInputException("the number of individuals must be at least 1, got " + n);
    }
    List<String> paths = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (VariedParameter v : varied) {
      if (!seen.add(v.path())) {
        throw new InvalidInputException("'" + v.path() + "' is varied more than once");
      }
      paths.add(v.path());
    }
    List<String> percentiles = sampleDeclared ? declaredPercentiles(model, seen) : List.of();
    paths.addAll(percentiles);
    if (paths.isEmpty()) {
      throw new InvalidInputException("nothing to vary: give distributions"
          + (sampleDeclared ? " (the model declares no distributed parameters)" : " or sample the model's own"));
    }
    List<PopulationIndividual> individuals = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SplittableRandom random = new SplittableRandom(individualSeed(seed, i));
      double[] values = new double[paths.size()];
      int k = 0;
      for (VariedParameter v : varied) {
        try {
          values[k++] = v.distribution().draw(random);
        } catch (IllegalStateException e) {
          throw new InvalidInputException("'" + v.path() + "': " + e.getMessage());
        }
      }
      for (int p = 0; p < percentiles.size(); p++) {
        double u;
        do {
          u = random.nextDouble();
        } while (u == 0);
        values[k++] = u;
      }
      individuals.add(new PopulationIndividual(i, List.of(), values));
    }
    return new Population(paths, List.of(), individuals);
  }

  /** The generator seed of individual {@code index}: a 64-bit mix of both (SplitMix64's finaliser). */
  static long individualSeed(long seed, int index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static List<String> declaredPercentiles(LoadedModel model, Set<String> varied) {
    Set<String> all = new HashSet<>();
    model.quantities().forEach(q -> all.add(q.path()));
    List<String> out = new ArrayList<>();
    for (QuantityInfo q : model.quantities()) {
      String percentile = q.path() + "|" + PERCENTILE;
      if (q.kind() == QuantityKind.DISTRIBUTED_PARAMETER && !varied.contains(q.path()) && all.contains(percentile)
          && !varied.contains(percentile)) {
        out.add(percentile);
      }
    }
    return out;
  }
}
