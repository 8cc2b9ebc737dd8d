package io.mcpbridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.config.ConfigProblem;
import io.mcpbridge.core.config.ConfigReport;
import io.mcpbridge.core.config.EffectiveSetting;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bridge config check}: the effective configuration with origins, then every problem. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Validate the configuration from the environment and ./.env.",
        "Prints every variable (secrets masked) with where its value came from, then all errors and warnings.",
        "Exit code 0 when there are no errors, 1 otherwise."})
final class ConfigCheckCommand implements Callable<Integer> {
  enum Format { text, json }

  @Spec CommandSpec spec;

  @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws Exception {
    ConfigReport report = AppConfig.load(ProcessConfigSource.fromProcess());
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      out.println(json(report));
    } else {
      text(report, out);
    }
    out.flush();
    return report.valid() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static void text(ConfigReport report, PrintWriter out) {
    int width = report.settings().stream().mapToInt(s -> s.name().length()).max().orElse(10);
    out.println("Effective configuration:");
    for (EffectiveSetting s : report.settings()) {
      out.printf("  %-" + width + "s = %-40s (%s)%n", s.name(), s.shownValue(), s.origin());
    }
    printProblems(out, "Errors", report.errors());
    printProblems(out, "Warnings", report.warnings());
    out.println(report.valid()
        ? "Configuration is valid" + (report.warnings().isEmpty() ? "." : " (with warnings).")
        : "Configuration is INVALID: " + report.errors().size() + " error(s).");
  }

  private static void printProblems(PrintWriter out, String title, List<ConfigProblem> problems) {
    if (problems.isEmpty()) {
      return;
    }
    out.println(title + ":");
    problems.forEach(p -> out.println("  - " + p.describe()));
  }

  private static String json(ConfigReport report) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("valid", report.valid());
    root.set("errors", problems(mapper, report.errors()));
    root.set("warnings", problems(mapper, report.warnings()));
    ObjectNode settings = root.putObject("settings");
    for (EffectiveSetting s : report.settings()) {
      ObjectNode entry = settings.putObject(s.name());
      entry.put("value", s.shownValue());
      entry.put("origin", s.origin());
    }
    return mapper.writeValueAsString(root);
  }

  private static ArrayNode problems(ObjectMapper mapper, List<ConfigProblem> problems) {
    ArrayNode array = mapper.createArrayNode();
    for (ConfigProblem p : problems) {
      ObjectNode n = array.addObject();
      n.put("variable", p.variable());
      n.put("value", p.value());
      n.put("message", p.message());
    }
    return array;
  }
}
