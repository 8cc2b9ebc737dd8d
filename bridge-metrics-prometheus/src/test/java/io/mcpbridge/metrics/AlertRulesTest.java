package io.mcpbridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The alert rules in {@code deploy/prometheus}: promtool accepts them and their unit tests pass, every
 * group has a test file with a case that must not fire, every alert is documented and links to a
 * runbook section that exists, and every metric an alert reads is one the product exports.
 */
class AlertRulesTest {
  private static final Path ROOT = ExportedNames.repositoryRoot();
  private static final Path RULES = ROOT.resolve("deploy/prometheus/alerts.yml");
  private static final Path TESTS = ROOT.resolve("deploy/prometheus/tests");

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    assertThat(promtool("check", "rules", RULES.toString())).contains("SUCCESS: 13 rules found");
  }

  @Test
  void theRuleUnitTestsPass() throws Exception {
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    testFiles().forEach(f -> args.add(f.toString()));
    String out = promtool(args.toArray(String[]::new));
    assertThat(out).doesNotContain("FAILED");
    assertThat(out.split("SUCCESS", -1)).hasSize(testFiles().size() + 1);
  }

  @Test
  void everyGroupHasATestFileWithACaseThatMustNotFire() throws IOException {
    Matcher groups = Pattern.compile("(?m)^  - name: bridge-([a-z]+)$").matcher(Files.readString(RULES));
    List<String> names = new ArrayList<>();
    while (groups.find()) {
      names.add(groups.group(1));
    }
    assertThat(names).containsExactlyInAnyOrder("api", "jobs", "queue", "audit", "auth");
    for (String group : names) {
      Path file = TESTS.resolve(group + ".yml");
      assertThat(file).exists();
      assertThat(Files.readString(file)).contains("exp_alerts: []");
    }
  }

  @Test
  void everyAlertHasASummaryADescriptionAndARunbookSectionThatExists() throws IOException {
    String rules = Files.readString(RULES);
    String[] alerts = rules.split("(?m)^      - alert: ");
    assertThat(alerts).hasSize(14);
    for (int i = 1; i < alerts.length; i++) {
      String alert = alerts[i];
      String name = alert.lines().findFirst().orElseThrow();
      assertThat(alert).as(name).contains("summary: ", "description: ", "severity: ");
      Matcher url = Pattern.compile("runbook_url: \"([^\"#]+)#([a-z0-9-]+)\"").matcher(alert);
      assertThat(url.find()).as(name + " has a runbook_url with a section").isTrue();
      Path doc = ROOT.resolve(url.group(1));
      assertThat(doc).as(name).exists();
      assertThat(headingSlugs(doc)).as(name + " → " + url.group(1) + "#" + url.group(2)).contains(url.group(2));
    }
  }

  @Test
  void everyMetricAnAlertReadsIsExported() throws IOException {
    Set<String> referenced = ExportedNames.referencedIn(Files.readString(RULES));
    assertThat(referenced).isNotEmpty();
    assertThat(ExportedNames.all()).containsAll(referenced);
  }

  private static List<String> headingSlugs(Path doc) throws IOException {
    return Files.readAllLines(doc).stream().filter(l -> l.startsWith("#"))
        .map(l -> l.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-'))
        .toList();
  }

  private static List<Path> testFiles() throws IOException {
    try (Stream<Path> files = Files.list(TESTS)) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
  }

  private static String promtool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("promtool");
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
