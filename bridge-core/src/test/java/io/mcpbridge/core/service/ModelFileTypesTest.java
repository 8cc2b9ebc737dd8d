package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTypesTest {
  @TempDir Path dir;

  @Test
  void extensionsOfBothFormatsAreModelExtensions() {
    assertThat(ModelFileTypes.hasModelExtension("a.pkml")).isTrue();
    assertThat(ModelFileTypes.hasModelExtension("A.XML")).isTrue();
    assertThat(ModelFileTypes.hasModelExtension("a.pkml.bak")).isFalse();
    assertThat(ModelFileTypes.hasModelExtension("notes.txt")).isFalse();
  }

  @Test
  void onlyXmlFilesWhoseRootIsSimulationAreListed() throws Exception {
    Path simModel = Files.writeString(dir.resolve("kernel.xml"),
        "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- exported -->\n<Simulation version=\"4\" xmlns=\"x\">");
    Path bare = Files.writeString(dir.resolve("bare.xml"), "<Simulation>");
    Path other = Files.writeString(dir.resolve("pom.xml"), "<?xml version=\"1.0\"?><project/>");
    Path lookalike = Files.writeString(dir.resolve("settings.xml"), "<SimulationSettings/>");
    Path pkml = Files.writeString(dir.resolve("m.pkml"), "anything");
    Path text = Files.writeString(dir.resolve("m.txt"), "<Simulation>");

    assertThat(ModelFileTypes.isModelFile(simModel)).isTrue();
    assertThat(ModelFileTypes.isModelFile(bare)).isTrue();
    assertThat(ModelFileTypes.isModelFile(other)).isFalse();
    assertThat(ModelFileTypes.isModelFile(lookalike)).isFalse();
    assertThat(ModelFileTypes.isModelFile(pkml)).isTrue();
    assertThat(ModelFileTypes.isModelFile(text)).isFalse();
  }
}
