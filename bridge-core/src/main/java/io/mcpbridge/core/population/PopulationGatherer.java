package io.mcpbridge.core.population;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.InvalidInputException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.BitSet;
import java.util.function.IntFunction;

/**
 * Writes a population's result files from the outputs of its chunks, in the API process: the same
 * files, through the same writer, as {@link PopulationRunner} on one machine, so a population run
 * on queue workers is byte-identical to one run on threads. Chunks are read one at a time, in
 * order, so memory holds one chunk plus the statistics' float columns.
 */
public final class PopulationGatherer {
  private final io.mcpbridge.core.units.UnitCatalog units;

  public PopulationGatherer(io.mcpbridge.core.units.UnitCatalog units) {
    this.units = units;
  }

  /**
   * Writes the files of {@code request} from {@code chunks} chunk outputs.
   *
   * @param chunk the output of chunk {@code i}, for {@code i} in [0, chunks)
   * @throws InvalidInputException if the chunks do not cover the population exactly once, with
   *     its ids and outputs (nothing is published then)
   * @throws BackendUnavailableException if the files cannot be written
   */
  public PopulationRunSummary gather(PopulationRunRequest request, int chunks, IntFunction<PopulationChunkResult> chunk) {
    long started = System.nanoTime();
    PopulationRunner.Plan plan = PopulationRunner.plan(request.model(), request.base(), request.population());
    int n = request.population().size();
    PopulationOutputs files;
    try {
      files = PopulationOutputs.open(request, units, plan.outputs(), plan.dimensions(), () -> { });
    } catch (UncheckedIOException e) {
      throw new BackendUnavailableException("cannot write population results to " + request.directory()
          + " (" + e.getCause().getMessage() + ")", e);
    }
    try {
      BitSet seen = new BitSet(n);
      for (int c = 0; c < chunks; c++) {
        PopulationChunkResult result = chunk.apply(c);
        if (!result.outputs().equals(plan.outputs())) {
          throw new InvalidInputException("chunk " + c + " reports outputs " + result.outputs() + ", not "
              + plan.outputs());
        }
        for (PopulationChunkResult.Individual i : result.individuals()) {
          int p = i.position();
          if (p < 0 || p >= n || seen.get(p) || request.population().individuals().get(p).id() != i.id()) {
            throw new InvalidInputException("chunk " + c + " reports individual " + i.id() + " at position " + p
                + ", which is not an outstanding individual of the population");
          }
          seen.set(p);
          files.accept(p, result.outcome(i, request.model().ref()));
        }
      }
      if (seen.cardinality() != n) {
        throw new InvalidInputException("the chunks report " + seen.cardinality() + " of " + n + " individuals");
      }
      files.finish();
    } catch (RuntimeException e) {
      files.discard();
      if (e instanceof UncheckedIOException io) {
        throw new BackendUnavailableException("cannot write population results to " + request.directory()
            + " (" + io.getCause().getMessage() + ")", io);
      }
      throw e;
    }
    return new PopulationRunSummary(n, files.succeeded(), files.failures(), request.directory(), PopulationFiles.ALL,
        Duration.ofNanos(System.nanoTime() - started));
  }
}
