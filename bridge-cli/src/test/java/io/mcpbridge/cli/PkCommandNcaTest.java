package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge pk --terminal-phase nca} in-process on a written result CSV. */
class PkCommandNcaTest {
  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private static Outcome bridge(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BridgeMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  /** C = 4·e^(−0.2t) µmol/l at t = 0..10 min, in OSP's result-CSV layout. */
  private Path monoExponentialCsv() throws Exception {
    StringBuilder csv = new StringBuilder("IndividualId,Time [min],Organism|Plasma|C [µmol/l]\n");
    for (int t = 0; t <= 10; t++) {
      csv.append(String.format(Locale.ROOT, "0,%d,%.17g%n", t, 4 * Math.exp(-0.2 * t)));
    }
    Path file = dir.resolve("result.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void jsonCarriesTheChosenWindowNextToTheParameters() throws Exception {
    Outcome o = bridge("pk", "--csv", monoExponentialCsv().toString(), "--terminal-phase", "nca");

    assertThat(o.code()).as(o.err()).isZero();
    JsonNode series = new ObjectMapper().readTree(o.out()).get("Organism|Plasma|C");
    JsonNode window = series.get("terminalPhase").get("Thalf");
    assertThat(window.get("points").asInt()).isEqualTo(10);
    assertThat(window.get("firstTime").asDouble()).isEqualTo(1.0);
    assertThat(window.get("lastTime").asDouble()).isEqualTo(10.0);
    assertThat(window.get("lambdaZ").asDouble()).isCloseTo(0.2, within(1e-12));
    assertThat(window.get("span").asDouble()).isCloseTo(9 * 0.2 / Math.log(2), within(1e-10));
    assertThat(series.get("Thalf").get("value").asDouble()).isCloseTo(Math.log(2) / 0.2, within(1e-10));
  }

  @Test
  void tableShowsTheWindowAndOspRulesShowNone() throws Exception {
    String csv = monoExponentialCsv().toString();
    Outcome nca = bridge("pk", "--csv", csv, "--terminal-phase", "nca", "--format", "table");
    Outcome osp = bridge("pk", "--csv", csv);

    assertThat(nca.code()).as(nca.err()).isZero();
    assertThat(nca.out()).contains("Thalf window").contains("from 10 points");
    assertThat(osp.code()).as(osp.err()).isZero();
    assertThat(osp.out()).doesNotContain("terminalPhase");
  }

  @Test
  void anUnknownRuleNamesNcaAmongTheChoices() throws Exception {
    Outcome o = bridge("pk", "--csv", monoExponentialCsv().toString(), "--terminal-phase", "best");

    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("last-two-points", "regression", "nca");
  }
}
