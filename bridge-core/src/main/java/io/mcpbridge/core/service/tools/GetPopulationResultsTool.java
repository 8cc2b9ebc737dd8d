package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.population.IndividualFailure;
import io.mcpbridge.core.population.PopulationJobStore;
import io.mcpbridge.core.population.PopulationResultFiles;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.service.Tool;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code get_population_results}: aggregates per output and time, the PK summary, failures and a
 * page of individuals of a finished population job, plus the result files' names and sizes.
 */
public final class GetPopulationResultsTool
    implements Tool<GetPopulationResultsTool.Input, GetPopulationResultsTool.Output> {
  private static final int MAX_PAGE = 500;

  /** Input of get_population_results. */
  public record Input(
      @Description("Job id from run_population_simulation.") String jobId,
      @Description("Only these quantity paths in aggregates and PK summary; default all outputs.") Optional<List<String>> outputPaths,
      @Description("First individual of the page (0-based); default 0.") Optional<Integer> offset,
      @Description("Individuals per page (0-500); default 50.") Optional<Integer> limit) {}

  /** Output of get_population_results. */
  public record Output(
      String jobId,
      String status,
      @Description("Individuals in the population.") int individuals,
      @Description("Individuals whose simulation failed, with the reason; the others completed.") List<IndividualFailure> failures,
      @Description("Per output and time (min): N, Mean, SD, GeoMean, GeoSD, Min, Max and percentiles (R type 7), base units; undefined values left out.") List<PopulationResultFiles.StatisticsRow> aggregates,
      @Description("Per output and PK parameter: the same statistics across individuals.") List<PopulationResultFiles.StatisticsRow> pkSummary,
      @Description("A page of individuals: covariates and parameter values (base units).") List<PopulationResultFiles.IndividualRow> page,
      int offset,
      @Description("The result files (OSP layouts) and their sizes in bytes, in the job's results directory.") Map<String, Long> files) {}

  private final JobRegistry registry;
  private final PopulationJobStore store;

  public GetPopulationResultsTool(JobRegistry registry, PopulationJobStore store) {
    this.registry = registry;
    this.store = store;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("get_population_results", "Get population results",
        "Return the results of a finished population job: aggregates per output and time point, PK summary "
            + "statistics, failed individuals and a page of individuals' parameter values, with the CSV files written.",
        Role.VIEWER, false, true, false, true, false, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    int offset = input.offset().orElse(0);
    int limit = input.limit().orElse(50);
    if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
      throw new InvalidInputException("offset must be ≥ 0 and limit 0-" + MAX_PAGE);
    }
    Job job = registry.findJob(SimulationIds.job(input.jobId()))
        .orElseThrow(() -> new NotFoundException("no job " + input.jobId()));
    if (store.settings(job.id()).isEmpty()) {
      throw new NotFoundException("job " + input.jobId() + " is not a population job (or its files were removed)");
    }
    if (job.state() != JobState.SUCCEEDED) {
      throw new NotFoundException("population job " + input.jobId() + " has no results: it is " + job.state().wireName());
    }
    PopulationResultFiles files = new PopulationResultFiles(store.resultsDirectory(job.id()));
    Set<String> paths = new HashSet<>(input.outputPaths().orElse(List.of()));
    PopulationResultFiles.Page page = files.individuals(offset, limit);
    return new Output(job.id().value(), job.state().wireName(), page.total(), files.failures(), files.aggregates(paths),
        files.pkSummary(paths), page.individuals(), offset, files.sizes());
  }
}
