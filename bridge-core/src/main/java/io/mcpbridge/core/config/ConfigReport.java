package io.mcpbridge.core.config;

import io.mcpbridge.core.config.ConfigProblem.Severity;
import io.mcpbridge.core.error.ErrorDetail;
import io.mcpbridge.core.error.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Outcome of reading the configuration.
 *
 * @param config the configuration; meaningful only when {@link #valid()}
 * @param problems every error and warning, in variable order
 * @param settings the effective value and origin of every variable, secrets masked
 */
public record ConfigReport(AppConfig config, List<ConfigProblem> problems, List<EffectiveSetting> settings) {
  public ConfigReport {
    problems = List.copyOf(problems);
    settings = List.copyOf(settings);
  }

  /** True when there is no error (warnings allowed). */
  public boolean valid() {
    return errors().isEmpty();
  }

  /** The errors only. */
  public List<ConfigProblem> errors() {
    return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
  }

  /** The warnings only. */
  public List<ConfigProblem> warnings() {
    return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
  }

  /**
   * The configuration, if valid.
   *
   * @throws InvalidInputException listing every error in one message
   */
  public AppConfig requireValid() {
    List<ConfigProblem> errors = errors();
    if (!errors.isEmpty()) {
      String summary = errors.stream().map(ConfigProblem::describe).collect(Collectors.joining("; "));
      throw new InvalidInputException("invalid configuration (" + errors.size() + " errors): " + summary,
          errors.stream().map(p -> ErrorDetail.error(p.variable(), p.message())).toList());
    }
    return config;
  }
}
