package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The command line contract: help everywhere, version, one-line errors, documented exit codes. */
class CommandLineIT {
  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(strings = {"", "serve", "config", "config check"})
  void givenAnyVerb_help_printsUsageAndExitsZero(String verb) throws Exception {
    String[] args = (verb.isEmpty() ? "--help" : verb + " --help").split(" ");

    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of(), args);

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdout()).startsWith("Usage: bridge");
  }

  @Test
  void version_printsProductVersion() throws Exception {
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of(), "--version");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdout()).matches("(?s)bridge \\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void givenUnknownOption_bridge_exitsTwoWithShortError() throws Exception {
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of(), "config", "check", "--colour");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stderr()).startsWith("error: Unknown option: '--colour'");
    assertThat(outcome.stderr()).doesNotContain("\tat ");
  }

  @Test
  void givenInvalidConfiguration_serve_refusesWithOneLineAndNoStackTrace() throws Exception {
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of("PORT", "eighty"), "serve");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stderr().strip()).startsWith("error: invalid configuration").contains("PORT").doesNotContain("\n");
  }

  @Test
  void givenVerbose_failure_printsStackTrace() throws Exception {
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of("PORT", "eighty"), "serve", "--verbose");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stderr()).contains("\tat io.mcpbridge.");
  }
}
