package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvFileTest {
  @TempDir Path dir;

  @Test
  void givenCommentsQuotesAndExport_read_returnsPlainValues() throws Exception {
    Path file = Files.writeString(dir.resolve(".env"),
        "# comment\n\nexport PORT=9000\nSERVICE_NAME=\"my bridge\"\nLOG_LEVEL='DEBUG'\nHOST=0.0.0.0 # bind all\n");

    assertThat(DotEnvFile.read(file)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "PORT", "9000", "SERVICE_NAME", "my bridge", "LOG_LEVEL", "DEBUG", "HOST", "0.0.0.0"));
  }

  @Test
  void givenMissingFile_read_isEmpty() {
    assertThat(DotEnvFile.read(dir.resolve("absent"))).isEmpty();
  }

  @Test
  void givenLineWithoutEquals_read_namesFileAndLine() throws Exception {
    Path file = Files.writeString(dir.resolve(".env"), "PORT=1\nnonsense\n");

    assertThatThrownBy(() -> DotEnvFile.read(file)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void givenBothSources_environmentWins() {
    ProcessConfigSource source = new ProcessConfigSource(Map.of("PORT", "1"), Map.of("PORT", "2", "HOST", "h"));

    assertThat(source.get("PORT")).hasValue("1");
    assertThat(source.origin("PORT")).hasValue("environment");
    assertThat(source.get("HOST")).hasValue("h");
    assertThat(source.origin("HOST")).hasValue(".env");
    assertThat(source.get("NOPE")).isEmpty();
  }
}
