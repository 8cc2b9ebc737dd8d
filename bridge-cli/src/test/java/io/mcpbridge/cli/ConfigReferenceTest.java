package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.config.ConfigCatalog;
import io.mcpbridge.core.config.SettingDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {
  @Test
  void reference_listsEveryVariableWithDefaultAndRule() {
    String md = ConfigReference.markdown();

    for (SettingDefinition d : ConfigCatalog.all()) {
      assertThat(md).contains("`" + d.name() + "`").contains(d.rule().replace("|", "\\|"));
      d.defaultValue().ifPresent(v -> assertThat(md).contains("`" + v + "`"));
    }
  }

  @Test
  void committedReference_isUpToDate() throws Exception {
    Path committed = Path.of("..", "docs", "configuration.md");

    assertThat(Files.readString(committed))
        .as("docs/configuration.md is stale: run `make docs`")
        .isEqualTo(ConfigReference.markdown());
  }
}
