package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.pk.OspResultCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge population run} in-process on the MiniModel2 reference model. */
class PopulationCommandTest {
  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private static Outcome bridge(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BridgeMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  private static Path reference(String directory, String file) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(Path.of("shared", "reference", directory, file));
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("reference file " + directory + "/" + file + " not found");
  }

  private static final String MODEL = reference("population", "MiniModel2.pkml").toString();

  private static List<String> sampled(Path out, int threads) {
    return List.of("population", "run", MODEL, "--individuals", "1000", "--seed", "20261203",
        "--vary", "Organism|p1=lognormal(2, cv=0.3) µmol", "--vary", "Organism|p3=normal(3, 0.2, min=2.5) 1/s",
        "--threads", Integer.toString(threads), "--out", out.toString());
  }

  @Test
  void aSampledPopulationGivesIdenticalFilesWithOneAndTwoThreads() throws IOException {
    Outcome one = bridge(sampled(dir.resolve("one"), 1).toArray(String[]::new));
    Outcome two = bridge(sampled(dir.resolve("two"), 2).toArray(String[]::new));
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(two.code()).as(two.err()).isZero();
    assertThat(one.out()).contains("1000 of 1000 individuals simulated");
    for (String file : List.of("results.csv", "pk.csv", "aggregates.csv", "pk-summary.csv", "population.csv")) {
      assertThat(Files.readAllBytes(dir.resolve("two").resolve(file)))
          .as(file).isEqualTo(Files.readAllBytes(dir.resolve("one").resolve(file)));
    }
    // the exported population runs again to the same results
    Outcome again = bridge("population", "run", MODEL, "--population", dir.resolve("one/population.csv").toString(),
        "--out", dir.resolve("again").toString());
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("again/results.csv")))
        .isEqualTo(Files.readAllBytes(dir.resolve("one/results.csv")));
  }

  @Test
  void theResultsReadBackAsAnOspResultFileWithThePkOfPkCsv() throws IOException {
    Outcome run = bridge("population", "run", MODEL, "--population", reference("population", "Pop500_p1p2p3.csv").toString(),
        "--set", "Organism|p2=2.5 µmol", "--out", dir.toString());
    assertThat(run.code()).as(run.err()).isZero();
    OspResultCsv.Result read = new OspResultCsv().parse(dir.resolve("results.csv"));
    assertThat(read.individuals()).hasSize(499);
    assertThat(read.individuals().get(498).individualId()).isEqualTo(498);

    Outcome pk = bridge("pk", "--csv", dir.resolve("results.csv").toString(), "--format", "json");
    assertThat(pk.code()).as(pk.err()).isZero();
    String c_max = Files.readAllLines(dir.resolve("pk.csv"), StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith("7,Organism|B,C_max,")).findFirst().orElseThrow().split(",")[3];
    assertThat(pk.out()).contains("\"7|Organism|B\"");
    assertThat(pk.out().replaceAll("\\s", "")).contains("\"7|Organism|B\":{\"C_max\":{\"value\":"
        + Float.toString(Float.parseFloat(c_max)));
  }

  @Test
  void badInputIsOneErrorAndWritesNothing() throws IOException {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "IndividualId,Organism|p1 [µmol],Organism|nope [l],Organism|p3 [kg]\n0,1,2,3\n");
    Path out = dir.resolve("out");
    Outcome run = bridge("population", "run", MODEL, "--population", bad.toString(), "--out", out.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("'Organism|nope'").contains("unit 'kg' does not fit");
    assertThat(out).doesNotExist();

    Outcome both = bridge("population", "run", MODEL, "--population", bad.toString(), "--individuals", "3",
        "--out", out.toString());
    assertThat(both.code()).isEqualTo(ExitCodes.USAGE);
    Outcome badVary = bridge("population", "run", MODEL, "--individuals", "3", "--vary", "Organism|p1=normal(1)",
        "--out", out.toString());
    assertThat(badVary.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(badVary.err()).contains("expected 2 numbers");
    assertThat(out).doesNotExist();
    List<Path> left = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(left::add);
    }
    assertThat(left).containsExactly(bad);
  }
}
