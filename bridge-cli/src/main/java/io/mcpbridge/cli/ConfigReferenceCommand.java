package io.mcpbridge.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bridge config reference}: every variable with default, meaning and rule, as Markdown. */
@Command(name = "reference", mixinStandardHelpOptions = true,
    description = "Print the configuration reference (Markdown): every variable, its default, meaning and validation rule.")
final class ConfigReferenceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(ConfigReference.markdown());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
