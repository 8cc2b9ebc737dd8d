package io.mcpbridge.cli;

import io.mcpbridge.core.config.ConfigCatalog;
import io.mcpbridge.core.config.SettingDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the configuration catalog as the Markdown reference in docs/configuration.md. */
final class ConfigReference {
  private ConfigReference() {}

  static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Configuration reference\n\n")
        .append("<!-- Generated from the configuration catalog by `make docs` (`bridge config reference`); do not edit by hand. -->\n\n")
        .append("The bridge reads its configuration from the process environment and, optionally, a `.env` file in the\n")
        .append("working directory (`KEY=value` lines; the environment wins). Every variable is validated at start-up and\n")
        .append("all problems are reported at once; `bridge config check [--format json]` prints the effective values,\n")
        .append("where each came from (default, environment, `.env`), and every error and warning, with secrets masked.\n")
        .append("Exit code 0 means no errors.\n\n")
        .append("Environments: `development`, `local` and `test` allow development shortcuts (development tokens,\n")
        .append("anonymous viewer access, eager queue mode); `staging` and `production` require OIDC, forbid the\n")
        .append("shortcuts, and default to JSON logs.\n");
    Map<String, List<SettingDefinition>> byArea = new LinkedHashMap<>();
    for (SettingDefinition d : ConfigCatalog.all()) {
      byArea.computeIfAbsent(d.area(), a -> new java.util.ArrayList<>()).add(d);
    }
    byArea.forEach((area, defs) -> {
      md.append("\n## ").append(area).append("\n\n")
          .append("| variable | default | meaning | validation |\n")
          .append("| --- | --- | --- | --- |\n");
      for (SettingDefinition d : defs) {
        String name = "`" + d.name() + "`" + (d.aliases().isEmpty() ? ""
            : " (alias " + String.join(", ", d.aliases().stream().map(a -> "`" + a + "`").toList()) + ")");
        String def = d.secret() ? "— (secret)" : d.defaultValue().map(v -> "`" + v + "`").orElse("—");
        md.append("| ").append(name).append(" | ").append(def).append(" | ")
            .append(escape(d.meaning())).append(" | ").append(escape(d.rule())).append(" |\n");
      }
    });
    return md.toString();
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }
}
