package io.mcpbridge.core.population;

import java.util.List;

/** Names of the files a population run writes into its directory. */
public final class PopulationFiles {
  /** Time series, OSP's population results layout {@code IndividualId,Time [min],<path> [unit]…}. */
  public static final String RESULTS = "results.csv";
  /** PK per individual, OSP's layout {@code IndividualId,QuantityPath,Parameter,Value,Unit}. */
  public static final String PK = "pk.csv";
  /** Statistics per output and time point. */
  public static final String AGGREGATES = "aggregates.csv";
  /** Statistics of each PK parameter across individuals. */
  public static final String PK_SUMMARY = "pk-summary.csv";
  /** The individuals' parameter values and covariates, readable as a population file. */
  public static final String POPULATION = "population.csv";
  /** {@code IndividualId,Reason} of the individuals that failed. */
  public static final String FAILURES = "failures.csv";

  /** Every file, in the order they are listed to users. */
  public static final List<String> ALL = List.of(RESULTS, PK, AGGREGATES, PK_SUMMARY, POPULATION, FAILURES);

  private PopulationFiles() {}
}
