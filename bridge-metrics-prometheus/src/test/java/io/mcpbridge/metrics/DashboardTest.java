package io.mcpbridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Grafana dashboards in {@code deploy/grafana}: valid JSON, and every query reads exported metrics only. */
class DashboardTest {
  private static final Path DASHBOARDS = ExportedNames.repositoryRoot().resolve("deploy/grafana");

  @Test
  void everyPanelQueryReadsOnlyMetricsTheProductExports() throws IOException {
    Set<String> exported = ExportedNames.all();
    List<Path> files = dashboards();
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      JsonNode dashboard = new ObjectMapper().readTree(file.toFile()); // fails on invalid JSON
      assertThat(dashboard.path("uid").asText()).as(file + " uid").isNotBlank();
      List<String> queries = new ArrayList<>();
      for (JsonNode panel : dashboard.path("panels")) {
        if (panel.path("type").asText().equals("row")) {
          continue;
        }
        assertThat(panel.path("targets").size()).as(panel.path("title").asText() + " has queries").isPositive();
        for (JsonNode target : panel.path("targets")) {
          String expr = target.path("expr").asText();
          assertThat(expr).as(panel.path("title").asText()).isNotBlank();
          queries.add(expr);
          Set<String> referenced = ExportedNames.referencedIn(expr);
          assertThat(referenced).as(panel.path("title").asText() + ": " + expr).isNotEmpty();
          assertThat(exported).as(panel.path("title").asText() + ": " + expr).containsAll(referenced);
        }
      }
      assertThat(String.join("\n", queries)).contains("bridge_tool_call_duration_seconds", "bridge_jobs_active",
          "bridge_queue_depth", "bridge_workers_live", "bridge_engine_steps_total", "bridge_audit_healthy");
    }
  }

  @Test
  void theNameCheckCatchesAMetricThatIsNotExported() {
    assertThat(ExportedNames.all()).doesNotContainAnyElementsOf(
        ExportedNames.referencedIn("rate(bridge_jobs_exploded_total[5m])"));
  }

  private static List<Path> dashboards() throws IOException {
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }
}
