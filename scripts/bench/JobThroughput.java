import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submit-to-completion throughput of small runs: submits N runs of one simulation (CONCURRENCY
 * submissions in flight), then polls get_job_status until every job is terminal.
 * Usage: java JobThroughput.java BASE_URL TOKEN SIMULATION_ID N
 */
public class JobThroughput {
  private static final Pattern JOB_ID = Pattern.compile("\"jobId\":\"([^\"]+)\"");
  private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z_]+)\"");
  private static final int CONCURRENCY = 8;

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String token = args[1];
    String sim = args[2];
    int n = Integer.parseInt(args[3]);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long start = System.nanoTime();
    List<String> jobs = new ArrayList<>();
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      inFlight.add(http.sendAsync(post(base, "/run_simulation", token, "{\"simulationId\":\"" + sim + "\"}"),
          HttpResponse.BodyHandlers.ofString()));
      if (inFlight.size() == CONCURRENCY || i == n - 1) {
        for (var f : inFlight) {
          HttpResponse<String> r = f.join();
          Matcher m = JOB_ID.matcher(r.body());
          if (r.statusCode() != 202 || !m.find()) {
            throw new IllegalStateException("submit failed: " + r.statusCode() + " " + r.body());
          }
          jobs.add(m.group(1));
        }
        inFlight.clear();
      }
    }
    long submitted = System.nanoTime();
    Set<String> open = new HashSet<>(jobs);
    int failed = 0;
    while (!open.isEmpty()) {
      for (String id : List.copyOf(open)) {
        HttpResponse<String> r = http.send(post(base, "/get_job_status", token, "{\"jobId\":\"" + id + "\"}"),
            HttpResponse.BodyHandlers.ofString());
        Matcher m = STATUS.matcher(r.body());
        if (m.find() && !m.group(1).equals("queued") && !m.group(1).equals("running")) {
          open.remove(id);
          failed += m.group(1).equals("succeeded") ? 0 : 1;
        }
      }
      if (!open.isEmpty()) {
        Thread.sleep(20);
      }
    }
    long done = System.nanoTime();
    System.out.printf("jobs=%d failed=%d submit_seconds=%.2f submit_per_s=%.1f completion_seconds=%.2f completed_per_s=%.1f%n",
        n, failed, (submitted - start) / 1e9, n / ((submitted - start) / 1e9), (done - start) / 1e9,
        n / ((done - start) / 1e9));
  }

  private static HttpRequest post(String base, String path, String token, String body) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .header("X-MCP-Confirm", "true").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
