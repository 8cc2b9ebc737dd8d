package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.ModelRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelAccessTest {
  @TempDir Path tmp;
  private Path root;
  private Path outside;
  private ModelAccess access;

  @BeforeEach
  void layout() throws Exception {
    root = Files.createDirectories(tmp.resolve("models"));
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(root.resolve("sub/good.pkml"), "<SimulationTransfer/>");
    outside = Files.createDirectories(tmp.resolve("secret"));
    Files.writeString(outside.resolve("stolen.pkml"), "<SimulationTransfer/>");
    Files.writeString(root.resolve("notes.txt"), "not a model");
    Files.createSymbolicLink(root.resolve("escape.pkml"), outside.resolve("stolen.pkml"));
    Files.createSymbolicLink(root.resolve("linkdir"), outside);
    access = new ModelAccess(List.of(root), 1024);
  }

  @Test
  void givenRelativePathInsideRoot_admit_returnsRealPathAndHash() throws Exception {
    ModelRef ref = access.admit("sub/good.pkml");

    assertThat(ref.path()).isEqualTo(root.resolve("sub/good.pkml").toRealPath());
    assertThat(ref.sha256()).isEqualTo(ModelAccess.sha256(root.resolve("sub/good.pkml")));
  }

  @Test
  void givenSimModelXmlInsideRoot_admit_accepts() throws Exception {
    Files.writeString(root.resolve("sub/kernel.xml"), "<Simulation version=\"4\"/>");

    assertThat(access.admit("sub/kernel.xml").path()).isEqualTo(root.resolve("sub/kernel.xml").toRealPath());
  }

  @Test
  void givenAbsolutePathInsideRoot_admit_accepts() {
    assertThat(access.admit(root.resolve("sub/good.pkml").toString()).path().getFileName().toString()).isEqualTo("good.pkml");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../secret/stolen.pkml", "sub/../../secret/stolen.pkml", "escape.pkml", "linkdir/stolen.pkml"})
  void givenPathLeadingOutOfTheRoots_resolve_refuses(String hostile) {
    assertThatThrownBy(() -> access.resolve(hostile)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("outside the allowed model directories");
  }

  @Test
  void givenAbsolutePathOutsideRoots_resolve_refuses() {
    assertThatThrownBy(() -> access.resolve(outside.resolve("stolen.pkml").toString()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("outside");
  }

  @ParameterizedTest
  @ValueSource(strings = {"%2e%2e/secret/stolen.pkml", "sub%2Fgood.pkml", "..%5csecret.pkml", "good%00.pkml"})
  void givenUrlEncodedTraversal_resolve_refuses(String hostile) {
    assertThatThrownBy(() -> access.resolve(hostile)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("URL-encoded");
  }

  @Test
  void givenNulByte_resolve_refusesWithoutEchoingIt() {
    assertThatThrownBy(() -> access.resolve("sub/good.pkml\0.txt")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("NUL").hasMessageNotContaining("\0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"notes.txt", "sub/good.pkml.bak", "sub"})
  void givenNonPkml_resolve_refuses(String path) {
    assertThatThrownBy(() -> access.resolve(path)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(".pkml");
  }

  @Test
  void givenMissingFile_resolve_saysNotFound() {
    assertThatThrownBy(() -> access.resolve("nope.pkml")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not found");
  }

  @Test
  void givenFileOverTheSizeLimit_admit_refuses() throws Exception {
    Files.writeString(root.resolve("big.pkml"), "x".repeat(2048));

    assertThatThrownBy(() -> access.admit("big.pkml")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("limit is 1024");
  }
}
