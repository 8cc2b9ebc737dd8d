package io.mcpbridge.http;

import static io.mcpbridge.http.Html.esc;
import static io.mcpbridge.http.Html.url;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import java.util.List;
import java.util.Map;

/**
 * The console's pages as server-rendered HTML: no inline script or style (the strict CSP forbids
 * them), one stylesheet and one script served from the jar, landmarks and labels for assistive
 * technology. Every outside value is escaped by {@link Html}.
 */
final class ConsolePages {
  static final String BASE = "/console";
  /** Rows of a result table shown on the page (the CSV has them all). */
  static final int MAX_TABLE_ROWS = 500;

  private ConsolePages() {}

  /** What a page needs to know of the signed-in person. */
  record Viewer(Principal principal, String csrf) {
    boolean operator() {
      return principal.has(Role.OPERATOR);
    }

    boolean admin() {
      return principal.has(Role.ADMIN);
    }

    String role() {
      return admin() ? "admin" : operator() ? "operator" : principal.has(Role.VIEWER) ? "viewer" : "no role";
    }
  }

  static String layout(String title, Viewer viewer, String body) {
    StringBuilder b = new StringBuilder(4096);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title)).append(" – MCP Bridge console</title>\n")
        .append("<link rel=\"stylesheet\" href=\"").append(BASE).append("/assets/console.css\">\n")
        .append("<script src=\"").append(BASE).append("/assets/console.js\" defer></script>\n")
        .append("</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n<header class=\"top\">\n")
        .append("<p class=\"brand\">MCP Bridge console</p>\n");
    if (viewer != null) {
      b.append("<nav aria-label=\"Console\"><ul>")
          .append("<li><a href=\"").append(BASE).append("/models\">Models</a></li>")
          .append("<li><a href=\"").append(BASE).append("/jobs\">My jobs</a></li>");
      if (viewer.admin()) {
        b.append("<li><a href=\"").append(BASE).append("/audit\">Audit trail</a></li>");
      }
      b.append("</ul></nav>\n<div class=\"who\"><span id=\"signed-in-as\">")
          .append(esc(viewer.principal().subject())).append(" (").append(esc(viewer.role())).append(")</span>")
          .append("<form method=\"post\" action=\"").append(BASE).append("/sign-out\">").append(csrf(viewer))
          .append("<button type=\"submit\" id=\"sign-out\">Sign out</button></form></div>\n");
    }
    b.append("</header>\n<main id=\"main\">\n<h1>").append(esc(title)).append("</h1>\n").append(body)
        .append("\n</main>\n<footer><p>Signed-in actions are recorded in the audit trail.</p></footer>\n</body>\n</html>\n");
    return b.toString();
  }

  static String csrf(Viewer viewer) {
    return "<input type=\"hidden\" name=\"_csrf\" value=\"" + esc(viewer.csrf()) + "\">";
  }

  static String signIn(boolean oidc, boolean developmentTokens, String loginCsrf, String notice, String error) {
    StringBuilder b = new StringBuilder();
    if (notice != null) {
      b.append("<p class=\"notice\" role=\"status\">").append(esc(notice)).append("</p>");
    }
    if (error != null) {
      b.append("<p class=\"error\" role=\"alert\">").append(esc(error)).append("</p>");
    }
    if (oidc) {
      b.append("<section aria-labelledby=\"sso\"><h2 id=\"sso\">Organisation account</h2>")
          .append("<p><a class=\"button\" id=\"sign-in-oidc\" href=\"").append(BASE).append("/login\">Sign in with your organisation account</a></p></section>");
    }
    if (developmentTokens) {
      b.append("<section aria-labelledby=\"dev\"><h2 id=\"dev\">Development token</h2>")
          .append("<p>Paste a token from <code>bridge token mint</code> (development setups only).</p>")
          .append("<form method=\"post\" action=\"").append(BASE).append("/login/token\">")
          .append("<input type=\"hidden\" name=\"_csrf\" value=\"").append(esc(loginCsrf)).append("\">")
          .append("<label for=\"token\">Development token</label>")
          .append("<textarea id=\"token\" name=\"token\" rows=\"4\" cols=\"60\" autocomplete=\"off\" spellcheck=\"false\" required></textarea>")
          .append("<button type=\"submit\">Sign in with token</button></form></section>");
    }
    if (!oidc && !developmentTokens) {
      b.append("<p>No sign-in method is configured.</p>");
    }
    return layout("Sign in", null, b.toString());
  }

  static String models(Viewer v, String search, JsonNode out) {
    StringBuilder b = new StringBuilder();
    b.append("<form method=\"get\" action=\"").append(BASE).append("/models\" class=\"search\" role=\"search\">")
        .append("<label for=\"search\">Path contains</label><input id=\"search\" name=\"search\" value=\"")
        .append(esc(search)).append("\"><button type=\"submit\">Search</button></form>");
    b.append("<p>").append(out.path("total").asInt()).append(" model file(s).</p>");
    b.append("<table><caption>Model files</caption><thead><tr><th scope=\"col\">File</th><th scope=\"col\">Size</th>")
        .append("<th scope=\"col\">Loaded as</th>");
    if (v.operator()) {
      b.append("<th scope=\"col\">Load</th>");
    }
    b.append("</tr></thead><tbody>");
    int i = 0;
    for (JsonNode item : out.path("items")) {
      String file = item.path("filePath").asText();
      b.append("<tr><td><code>").append(esc(file)).append("</code></td><td>")
          .append(item.path("sizeBytes").asLong()).append(" bytes</td><td>");
      for (JsonNode sim : item.path("loadedSimulationIds")) {
        b.append("<a href=\"").append(BASE).append("/simulations/").append(esc(url(sim.asText()))).append("\">")
            .append(esc(sim.asText())).append("</a> ");
      }
      b.append("</td>");
      if (v.operator()) {
        String id = "sim-" + i++;
        b.append("<td><form method=\"post\" action=\"").append(BASE).append("/models/load\" class=\"inline\">").append(csrf(v))
            .append("<input type=\"hidden\" name=\"filePath\" value=\"").append(esc(file)).append("\">")
            .append("<label for=\"").append(id).append("\">Simulation id</label>")
            .append("<input id=\"").append(id).append("\" name=\"simulationId\" pattern=\"[A-Za-z0-9_\\-]{1,64}\" placeholder=\"optional\">")
            .append("<button type=\"submit\">Load</button></form></td>");
      }
      b.append("</tr>");
    }
    b.append("</tbody></table>");
    return layout("Models", v, b.toString());
  }

  static String simulation(Viewer v, String simulationId, String pattern, int latest, JsonNode out) {
    int revision = out.path("revision").asInt();
    String self = BASE + "/simulations/" + url(simulationId);
    StringBuilder b = new StringBuilder();
    b.append("<p>Simulation <strong id=\"simulation-id\">").append(esc(simulationId)).append("</strong>, showing revision <strong id=\"revision\">")
        .append(revision).append("</strong> of ").append(latest).append(".</p>");
    b.append("<nav aria-label=\"Revisions\"><h2>Revisions</h2><ul class=\"revisions\">");
    for (int r = latest; r >= 1; r--) {
      b.append("<li><a href=\"").append(esc(self + "?revision=" + r + "&pattern=" + url(pattern))).append("\"")
          .append(r == revision ? " aria-current=\"page\"" : "").append(">Revision ").append(r).append("</a></li>");
    }
    b.append("</ul></nav>");
    if (v.operator()) {
      b.append("<section aria-labelledby=\"run-h\"><h2 id=\"run-h\">Run</h2><form method=\"post\" action=\"")
          .append(esc(self)).append("/run\">").append(csrf(v))
          .append("<input type=\"hidden\" name=\"revision\" value=\"").append(revision).append("\">")
          .append("<button type=\"submit\" id=\"run\">Run revision ").append(revision).append("</button></form></section>");
    }
    b.append("<section aria-labelledby=\"params-h\"><h2 id=\"params-h\">Parameters</h2>")
        .append("<form method=\"get\" action=\"").append(esc(self)).append("\" class=\"search\" role=\"search\">")
        .append("<input type=\"hidden\" name=\"revision\" value=\"").append(revision).append("\">")
        .append("<label for=\"pattern\">Path pattern (OSP wildcards: <code>*</code> one level, <code>**</code> any depth)</label>")
        .append("<input id=\"pattern\" name=\"pattern\" value=\"").append(esc(pattern)).append("\">")
        .append("<button type=\"submit\">Search</button></form>");
    b.append("<p>").append(out.path("total").asInt()).append(" match(es)")
        .append(out.path("total").asInt() > out.path("parameters").size() ? ", first " + out.path("parameters").size() + " shown" : "")
        .append(".</p>");
    b.append("<table id=\"parameters\"><caption>Parameters of revision ").append(revision).append("</caption><thead><tr>")
        .append("<th scope=\"col\">Path</th><th scope=\"col\">Value</th><th scope=\"col\">Unit</th>")
        .append("<th scope=\"col\">Display unit</th><th scope=\"col\">Dimension</th><th scope=\"col\">Set here</th></tr></thead><tbody>");
    for (JsonNode p : out.path("parameters")) {
      b.append("<tr><td><code>").append(esc(p.path("path").asText())).append("</code></td><td class=\"num\">")
          .append(p.path("value").isNull() ? "–" : esc(p.path("value").asText())).append("</td><td>")
          .append(esc(p.path("unit").asText())).append("</td><td>").append(esc(p.path("displayUnit").asText()))
          .append("</td><td>").append(esc(p.path("dimension").asText())).append("</td><td>")
          .append(p.path("overridden").asBoolean() ? "yes" : "no").append("</td></tr>");
    }
    b.append("</tbody></table></section>");
    if (v.operator()) {
      b.append("<section aria-labelledby=\"set-h\"><h2 id=\"set-h\">Set a value</h2><form method=\"post\" action=\"")
          .append(esc(self)).append("/set\" class=\"stack\">").append(csrf(v))
          .append("<label for=\"parameterPath\">Parameter path (exact)</label><input id=\"parameterPath\" name=\"parameterPath\" required>")
          .append("<label for=\"value\">New value</label><input id=\"value\" name=\"value\" inputmode=\"decimal\" required>")
          .append("<label for=\"unit\">Unit (empty = base unit)</label><input id=\"unit\" name=\"unit\">")
          .append("<label for=\"comment\">Reason (recorded)</label><input id=\"comment\" name=\"comment\">")
          .append("<button type=\"submit\" id=\"set\">Review change</button></form></section>");
    }
    return layout("Simulation " + simulationId, v, b.toString());
  }

  /**
   * A confirmation step: what is about to happen, and the same request again with
   * {@code confirm=yes}. Nothing has changed yet.
   */
  static String confirm(Viewer v, String title, List<String> facts, String action, Map<String, String> fields, String cancel) {
    StringBuilder b = new StringBuilder();
    b.append("<p class=\"notice\" role=\"status\">Please confirm. Nothing has changed yet.</p><dl class=\"facts\">");
    for (String fact : facts) {
      int colon = fact.indexOf(": ");
      b.append("<dt>").append(esc(fact.substring(0, colon))).append("</dt><dd>").append(esc(fact.substring(colon + 2))).append("</dd>");
    }
    b.append("</dl><form method=\"post\" action=\"").append(esc(action)).append("\">").append(csrf(v));
    for (Map.Entry<String, String> f : fields.entrySet()) {
      b.append("<input type=\"hidden\" name=\"").append(esc(f.getKey())).append("\" value=\"").append(esc(f.getValue())).append("\">");
    }
    b.append("<input type=\"hidden\" name=\"confirm\" value=\"yes\">")
        .append("<button type=\"submit\" id=\"confirm\">Confirm</button> <a href=\"").append(esc(cancel)).append("\">Cancel</a></form>");
    return layout(title, v, b.toString());
  }

  static String job(Viewer v, JsonNode status) {
    JsonNode job = status.path("job");
    String id = status.path("jobId").asText();
    String state = status.path("status").asText();
    boolean terminal = !state.equals("queued") && !state.equals("running");
    int percent = state.equals("succeeded") ? 100 : percent(status.path("progress"));
    StringBuilder b = new StringBuilder();
    b.append("<dl class=\"facts\"><dt>Job</dt><dd><code>").append(esc(id)).append("</code></dd>")
        .append("<dt>Simulation</dt><dd><a href=\"").append(BASE).append("/simulations/").append(esc(url(job.path("simulationId").asText())))
        .append("\">").append(esc(job.path("simulationId").asText())).append("</a>, revision ").append(job.path("revision").asInt()).append("</dd>")
        .append("<dt>State</dt><dd id=\"job-state\" aria-live=\"polite\">").append(esc(state)).append("</dd></dl>");
    b.append("<div id=\"job-progress\" data-events=\"").append(BASE).append("/jobs/").append(esc(url(id))).append("/events\" data-terminal=\"")
        .append(terminal).append("\"><label for=\"progress\">Progress</label> <progress id=\"progress\" max=\"100\" value=\"")
        .append(percent).append("\">").append(percent).append(" %</progress> <span id=\"progress-text\" aria-live=\"polite\">")
        .append(percent).append(" %</span></div>");
    JsonNode error = job.path("error");
    if (!error.isMissingNode() && !error.isNull()) {
      b.append("<p class=\"error\" role=\"alert\">").append(esc(error.path("code").asText())).append(": ")
          .append(esc(error.path("message").asText())).append("</p>");
    }
    JsonNode handle = status.path("resultHandle");
    if (handle.hasNonNull("resultsId")) {
      b.append("<p><a class=\"button\" id=\"results-link\" href=\"").append(BASE).append("/results/")
          .append(esc(url(handle.get("resultsId").asText()))).append("\">Show results</a></p>");
    }
    return layout("Run " + job.path("simulationId").asText(), v, b.toString());
  }

  private static int percent(JsonNode progress) {
    double end = progress.path("endTime").asDouble(0);
    if (end <= 0) {
      return 0;
    }
    return (int) Math.max(0, Math.min(100, Math.floor(100 * progress.path("simulatedTime").asDouble(0) / end)));
  }

  static String jobs(Viewer v, List<Job> jobs) {
    StringBuilder b = new StringBuilder();
    b.append("<p>Your latest ").append(jobs.size()).append(" job(s), newest first.</p>")
        .append("<table id=\"jobs\"><caption>Jobs you submitted</caption><thead><tr><th scope=\"col\">Job</th><th scope=\"col\">Simulation</th>")
        .append("<th scope=\"col\">Revision</th><th scope=\"col\">State</th><th scope=\"col\">Submitted (UTC)</th><th scope=\"col\">Updated (UTC)</th>")
        .append("</tr></thead><tbody>");
    for (Job j : jobs) {
      b.append("<tr><td><a href=\"").append(BASE).append("/jobs/").append(esc(url(j.id().value()))).append("\"><code>")
          .append(esc(j.id().value())).append("</code></a></td><td>").append(esc(j.simulationId().value())).append("</td><td>")
          .append(j.revision()).append("</td><td>").append(esc(j.state().wireName())).append("</td><td>")
          .append(esc(j.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))).append("</td><td>")
          .append(esc(j.updatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))).append("</td></tr>");
    }
    b.append("</tbody></table>");
    return layout("My jobs", v, b.toString());
  }

  static String results(Viewer v, JsonNode results, JsonNode pk, String pkError) {
    String id = results.path("resultsId").asText();
    String base = BASE + "/results/" + url(id);
    StringBuilder b = new StringBuilder();
    b.append("<p>Simulation <a href=\"").append(BASE).append("/simulations/").append(esc(url(results.path("simulationId").asText())))
        .append("\">").append(esc(results.path("simulationId").asText())).append("</a>, revision ")
        .append(results.path("revision").asInt()).append(".</p>");
    b.append("<figure><img id=\"plot\" src=\"").append(esc(base)).append("/plot.png\" width=\"1200\" height=\"800\" alt=\"Time profile of the outputs of simulation ")
        .append(esc(results.path("simulationId").asText())).append(" (values against time in minutes)\">")
        .append("<figcaption>Time profile (PNG; also as <a href=\"").append(esc(base)).append("/plot.svg\">SVG</a>)</figcaption></figure>");
    b.append("<p><a class=\"button\" id=\"csv\" href=\"").append(esc(base)).append("/results.csv\" download>Download CSV</a></p>");
    b.append("<section aria-labelledby=\"pk-h\"><h2 id=\"pk-h\">PK parameters</h2>");
    if (pk != null) {
      b.append("<table id=\"pk\"><caption>PK parameters per output (base units)</caption><thead><tr><th scope=\"col\">Output</th>")
          .append("<th scope=\"col\">Parameter</th><th scope=\"col\">Value</th><th scope=\"col\">Unit</th></tr></thead><tbody>");
      pk.path("parameters").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(p -> {
        JsonNode value = p.getValue().path("value");
        b.append("<tr><td><code>").append(esc(path.getKey())).append("</code></td><td>").append(esc(p.getKey()))
            .append("</td><td class=\"num\">").append(value.isNull() || value.isMissingNode()
                ? esc("– " + p.getValue().path("reason").asText("")) : esc(value.asText()))
            .append("</td><td>").append(esc(p.getValue().path("unit").asText())).append("</td></tr>");
      }));
      b.append("</tbody></table>");
    } else {
      b.append("<p>").append(esc(pkError)).append("</p>");
    }
    b.append("</section><section aria-labelledby=\"values-h\"><h2 id=\"values-h\">Values</h2>");
    JsonNode times = results.path("times");
    JsonNode series = results.path("series");
    int rows = Math.min(times.size(), MAX_TABLE_ROWS);
    b.append("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Values table\"><table id=\"values\"><caption>Values")
        .append(rows < times.size() ? " (first " + rows + " of " + times.size() + " rows; the CSV has all)" : "")
        .append("</caption><thead><tr><th scope=\"col\">Time [").append(esc(results.path("timeUnit").asText())).append("]</th>");
    for (JsonNode s : series) {
      b.append("<th scope=\"col\">").append(esc(s.path("path").asText())).append(" [").append(esc(s.path("unit").asText())).append("]</th>");
    }
    b.append("</tr></thead><tbody>");
    for (int r = 0; r < rows; r++) {
      b.append("<tr><td class=\"num\">").append(esc(times.get(r).asText())).append("</td>");
      for (JsonNode s : series) {
        JsonNode value = s.path("values").get(r);
        b.append("<td class=\"num\">").append(value == null ? "" : esc(value.asText())).append("</td>");
      }
      b.append("</tr>");
    }
    b.append("</tbody></table></div></section>");
    return layout("Results", v, b.toString());
  }

  /** One audit record as the page shows it, with its checks. */
  record AuditRow(long sequence, String time, String type, String subject, String outcome, String channel,
      boolean hashMatches, Boolean linked) {}

  static String audit(Viewer v, List<AuditRow> rows, String verdict, Long next) {
    StringBuilder b = new StringBuilder();
    b.append("<p id=\"audit-verdict\" role=\"status\">").append(esc(verdict)).append("</p>")
        .append("<p>Each record's hash is recomputed from its content, and each link to the record before it is checked. ")
        .append("Signed checkpoints are verified by <code>bridge audit verify</code>.</p>")
        .append("<table id=\"audit\"><caption>Audit records in chain order</caption><thead><tr><th scope=\"col\">#</th>")
        .append("<th scope=\"col\">Time (UTC)</th><th scope=\"col\">Event</th><th scope=\"col\">Who</th><th scope=\"col\">Channel</th>")
        .append("<th scope=\"col\">Outcome</th><th scope=\"col\">Hash</th><th scope=\"col\">Link</th></tr></thead><tbody>");
    for (AuditRow r : rows) {
      b.append("<tr><td class=\"num\">").append(r.sequence()).append("</td><td>").append(esc(r.time())).append("</td><td>")
          .append(esc(r.type())).append("</td><td>").append(esc(r.subject())).append("</td><td>").append(esc(r.channel()))
          .append("</td><td>").append(esc(r.outcome())).append("</td><td>").append(r.hashMatches() ? "verified" : "<strong>MISMATCH</strong>")
          .append("</td><td>").append(r.linked() == null ? "not checked" : r.linked() ? "verified" : "<strong>BROKEN</strong>")
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
    if (next != null) {
      b.append("<p><a href=\"").append(BASE).append("/audit?after=").append(next).append("\">Next page</a></p>");
    }
    return layout("Audit trail", v, b.toString());
  }

  static String error(Viewer v, int status, String message, String correlationId) {
    String title = status == 403 ? "Not allowed" : status == 404 ? "Not found" : status >= 500 ? "Something went wrong" : "Cannot do that";
    StringBuilder b = new StringBuilder();
    b.append("<p class=\"error\" role=\"alert\">").append(esc(message)).append("</p><p>Correlation id: <code>")
        .append(esc(correlationId)).append("</code></p><p><a href=\"").append(BASE).append("/models\">Back to the models</a></p>");
    return layout(title, v, b.toString());
  }

}
