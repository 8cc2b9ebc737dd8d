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

/** {@code bridge pk --user-pk} in-process on a written population result CSV. */
class PkCommandUserDefinedTest {
  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private static Outcome bridge(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BridgeMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  /** Individual i: C = (i + 1)·e^(−0.1t) µmol/l at t = 0..40 min, semicolon-separated with a BOM and quoted header. */
  private Path population() throws Exception {
    StringBuilder csv = new StringBuilder("\uFEFF\"IndividualId\";\"Time [min]\";\"Organism|Plasma|C [µmol/l]\"\n");
    for (int i = 0; i < 2; i++) {
      for (int t = 0; t <= 40; t++) {
        csv.append(String.format(Locale.ROOT, "%d;%d;%.17g%n", i, t, (i + 1) * Math.exp(-0.1 * t)));
      }
    }
    Path file = dir.resolve("population.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void userDefinedParametersFollowTheStandardOnesForEveryIndividual() throws Exception {
    Outcome o = bridge("pk", "--csv", population().toString(), "--dosing", "0:2,20:1",
        "--user-pk", "name=MyCmax,base=C_max,start=5,end=15",
        "--user-pk", "name=AucSecondNorm,base=AUC_tEnd_norm,startApplication=2",
        "--user-pk", "name=BelowHalf,base=Tthreshold,threshold=0.5");

    assertThat(o.code()).as(o.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(o.out());
    for (int i = 0; i < 2; i++) {
      JsonNode p = root.get(i + "|Organism|Plasma|C");
      double a = i + 1;
      assertThat(p.get("C_max_tD1_tD2").get("value").asDouble()).isCloseTo(a, within(1e-15));
      assertThat(p.get("MyCmax").get("value").asDouble()).isCloseTo(a * Math.exp(-0.5), within(1e-15));
      double auc = 0;
      for (int t = 20; t < 40; t++) {
        auc += (a * Math.exp(-0.1 * t) + a * Math.exp(-0.1 * (t + 1))) / 2;
      }
      // Applications 2.. carry 1 µmol/kg.
      assertThat(p.get("AucSecondNorm").get("value").asDouble()).isCloseTo(auc / 1.0, within(1e-12));
      double expected = Math.ceil(Math.log(a / 0.5) / 0.1 - 1e-12);
      assertThat(p.get("BelowHalf").get("value").asDouble()).isEqualTo(expected);
    }
  }

  @Test
  void badDefinitionsAreOneErrorNamingEachProblem() throws Exception {
    Outcome o = bridge("pk", "--csv", population().toString(), "--user-pk", "name=A,base=Cmax,start=x",
        "--user-pk", "name=B,base=C_max,startApplication=0,colour=red");

    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("unknown base PK parameter 'Cmax'", "start 'x' is not a number",
        "'colour=red' is not KEY=VALUE", "startApplication is 1-based");
    assertThat(o.out()).isEmpty();
  }
}
