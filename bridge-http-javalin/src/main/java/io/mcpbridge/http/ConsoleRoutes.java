package io.mcpbridge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpbridge.core.audit.AuditChain;
import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.error.ForbiddenException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.Sha256;
import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.port.ToolService;
import io.mcpbridge.http.ConsoleSessions.Session;
import io.mcpbridge.http.ConsolePages.Viewer;
import io.mcpbridge.mcp.ToolInputReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console at {@code /console}: server-rendered pages over the same {@link ToolService} as
 * REST and MCP (roles, confirmation and audit are the tools' own), signed in by OIDC
 * authorization code with PKCE or, in development, a pasted development token. The browser holds
 * only an HttpOnly session cookie; every mutating form carries the session's CSRF token and must
 * come from the console's own origin; every page is served under a strict Content-Security-Policy.
 */
final class ConsoleRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);
  static final String SESSION_COOKIE = "bridge_console";
  static final String LOGIN_COOKIE = "bridge_console_login";
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
      + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
  private static final String BASE = ConsolePages.BASE;
  private static final int JOB_LIST_LIMIT = 100;
  private static final int AUDIT_PAGE = 100;
  private static final int PARAMETER_PAGE = 200;

  private final ConsoleSetup setup;
  private final ToolService tools;
  private final JobRegistry jobs;
  private final AuditSink audit;
  private final JobEventStreams events;
  private final PlotRoutes plots;
  private final ObjectMapper json;
  private final ToolInputReader inputs;
  private final ConsoleSessions sessions;
  private final Optional<OidcClient> oidc;
  private final Clock clock;

  ConsoleRoutes(ConsoleSetup setup, HttpServices services, JobEventStreams events, PlotRoutes plots, ObjectMapper json) {
    this.setup = setup;
    this.tools = services.tools();
    this.jobs = services.jobs();
    this.audit = services.audit();
    this.events = events;
    this.plots = plots;
    this.json = json;
    this.inputs = new ToolInputReader(json);
    this.clock = services.clock();
    this.sessions = new ConsoleSessions(setup.settings().maxSessions(), setup.settings().sessionTtl(), clock);
    this.oidc = setup.issuer().map(i -> new OidcClient(i, setup.settings().clientId().orElseThrow(),
        setup.settings().clientSecret(), json));
  }

  /** The session store (tests look into it). */
  ConsoleSessions sessions() {
    return sessions;
  }

  void register(JavalinConfig config) {
    config.routes.before(BASE, this::securityHeaders);
    config.routes.before(BASE + "/*", this::securityHeaders);
    config.routes.get(BASE, ctx -> redirect(ctx, session(ctx).isPresent() ? BASE + "/models" : BASE + "/sign-in"));
    config.routes.get(BASE + "/assets/console.js", ctx -> asset(ctx, "console.js", "text/javascript"));
    config.routes.get(BASE + "/assets/console.css", ctx -> asset(ctx, "console.css", "text/css"));
    config.routes.get(BASE + "/sign-in", this::signInPage);
    config.routes.get(BASE + "/login", this::startLogin);
    config.routes.get(BASE + "/callback", this::callback);
    config.routes.post(BASE + "/login/token", this::tokenLogin);
    config.routes.post(BASE + "/sign-out", action((ctx, s) -> signOut(ctx, s)));
    config.routes.get(BASE + "/models", page(this::models));
    config.routes.post(BASE + "/models/load", action(this::load));
    config.routes.get(BASE + "/simulations/{simulationId}", page(this::simulation));
    config.routes.post(BASE + "/simulations/{simulationId}/set", action(this::set));
    config.routes.post(BASE + "/simulations/{simulationId}/run", action(this::run));
    config.routes.get(BASE + "/jobs", page(this::jobList));
    config.routes.get(BASE + "/jobs/{jobId}", page(this::job));
    config.routes.get(BASE + "/jobs/{jobId}/events", stream(events::open));
    config.routes.get(BASE + "/results/{resultsId}", page(this::results));
    config.routes.get(BASE + "/results/{resultsId}/plot.png", stream(ctx -> plots.plot(ctx, "png")));
    config.routes.get(BASE + "/results/{resultsId}/plot.svg", stream(ctx -> plots.plot(ctx, "svg")));
    config.routes.get(BASE + "/results/{resultsId}/results.csv", page(this::csv));
    config.routes.get(BASE + "/audit", page(this::auditTrail));
  }

  // --- plumbing --------------------------------------------------------------------------------

  private interface PageHandler {
    void handle(Context ctx, Session session) throws Exception;
  }

  private interface Delegate {
    void handle(Context ctx) throws Exception;
  }

  private void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    // Not no-referrer: browsers then send "Origin: null" with same-origin form posts, and the Origin check
    // could no longer tell the console's own forms from a sandboxed attacker's.
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
  }

  /** A page for signed-in people: anyone else is sent to sign in; refusals become an error page. */
  private io.javalin.http.Handler page(PageHandler handler) {
    return ctx -> {
      Optional<Session> s = session(ctx);
      if (s.isEmpty()) {
        redirect(ctx, BASE + "/sign-in");
        return;
      }
      ctx.attribute(Authenticator.PRINCIPAL_ATTRIBUTE, s.get().principal());
      try {
        handler.handle(ctx, s.get());
      } catch (BridgeException e) {
        errorPage(ctx, s.get(), e);
      }
    };
  }

  /**
   * A state-changing form post: needs a session, the session's CSRF token and, when the browser
   * names an Origin, the console's own.
   */
  private io.javalin.http.Handler action(PageHandler handler) {
    return ctx -> {
      Optional<Session> s = session(ctx);
      if (s.isEmpty()) {
        redirect(ctx, BASE + "/sign-in");
        return;
      }
      Viewer v = viewer(s.get());
      if (!sameOrigin(ctx)) {
        html(ctx, 403, ConsolePages.error(v, 403, "this form was sent from another site", CorrelationIds.of(ctx)));
        return;
      }
      if (!ConsoleSessions.same(ctx.formParam("_csrf"), s.get().csrf())) {
        html(ctx, 403, ConsolePages.error(v, 403, "the form's security token is missing or stale: reload the page and try again",
            CorrelationIds.of(ctx)));
        return;
      }
      ctx.attribute(Authenticator.PRINCIPAL_ATTRIBUTE, s.get().principal());
      try {
        handler.handle(ctx, s.get());
      } catch (BridgeException e) {
        errorPage(ctx, s.get(), e);
      }
    };
  }

  /** A non-HTML resource of a signed-in person, served by the REST edge's own handler. */
  private io.javalin.http.Handler stream(Delegate delegate) {
    return ctx -> {
      Optional<Session> s = session(ctx);
      if (s.isEmpty()) {
        ctx.status(401).contentType("text/plain").result("sign in at " + BASE + "/sign-in");
        return;
      }
      // The REST handlers read the caller from here before looking at any Authorization header.
      ctx.attribute(Authenticator.PRINCIPAL_ATTRIBUTE, s.get().principal());
      delegate.handle(ctx);
    };
  }

  private Optional<Session> session(Context ctx) {
    return sessions.find(ctx.cookie(SESSION_COOKIE));
  }

  private static Viewer viewer(Session s) {
    return new Viewer(s.principal(), s.csrf());
  }

  private boolean sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || origin.isBlank()) {
      return true; // no browser Origin: the CSRF token alone decides
    }
    return origin.equalsIgnoreCase(ownOrigin(ctx));
  }

  private String ownOrigin(Context ctx) {
    return setup.settings().publicUrl().map(u -> {
      String s = u.toString();
      return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }).orElse(ctx.scheme() + "://" + ctx.host());
  }

  private boolean secure(Context ctx) {
    return setup.settings().secureCookies() || "https".equalsIgnoreCase(ctx.scheme());
  }

  private void setCookie(Context ctx, String name, String value, long maxAgeSeconds) {
    StringBuilder c = new StringBuilder(name).append('=').append(value).append("; Path=").append(BASE)
        .append("; Max-Age=").append(maxAgeSeconds).append("; HttpOnly; SameSite=Lax");
    if (secure(ctx)) {
      c.append("; Secure");
    }
    ctx.res().addHeader("Set-Cookie", c.toString());
  }

  private static void redirect(Context ctx, String location) {
    ctx.status(303).header("Location", location).result("");
  }

  private static void html(Context ctx, int status, String page) {
    ctx.status(status).contentType("text/html; charset=utf-8").result(page);
  }

  private void errorPage(Context ctx, Session s, BridgeException e) {
    if (e.code().httpStatus() >= 500) {
      LOG.warn("console request {} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
    }
    html(ctx, e.code().httpStatus(), ConsolePages.error(viewer(s), e.code().httpStatus(), e.getMessage(), CorrelationIds.of(ctx)));
  }

  private void asset(Context ctx, String name, String type) throws IOException {
    try (InputStream in = ConsoleRoutes.class.getResourceAsStream("console/" + name)) {
      if (in == null) {
        throw new io.mcpbridge.core.error.NotFoundException("no asset " + name);
      }
      ctx.header("Cache-Control", "no-cache");
      ctx.contentType(type + "; charset=utf-8").result(in.readAllBytes());
    }
  }

  /** Calls a tool as the signed-in person, through the same service as REST and MCP. */
  private JsonNode call(Context ctx, Session s, String tool, ObjectNode args, boolean confirmed) {
    ToolDescriptor d = tools.describe(tool);
    Record input = inputs.read(args, d.inputType());
    ToolContext context = new ToolContext(s.principal(), CorrelationIds.of(ctx), Optional.empty(), "console",
        Optional.of(Sha256.hex(args.toString().getBytes(StandardCharsets.UTF_8))),
        confirmed ? Optional.of("console") : Optional.empty());
    Record output = tools.call(tool, input, context, o -> {
      try {
        return Optional.of(Sha256.hex(json.writeValueAsBytes(o)));
      } catch (JsonProcessingException e) {
        return Optional.empty();
      }
    });
    return json.valueToTree(output);
  }

  private static boolean confirmed(Context ctx) {
    return "yes".equals(ctx.formParam("confirm"));
  }

  // --- sign-in and sign-out -------------------------------------------------------------------

  private void signInPage(Context ctx) {
    if (session(ctx).isPresent()) {
      redirect(ctx, BASE + "/models");
      return;
    }
    String browser = browserBinding(ctx);
    String notice = ctx.queryParam("signed-out") != null ? "You are signed out." : null;
    String error = ctx.queryParam("failed") != null ? "Sign-in did not complete. Please try again." : null;
    html(ctx, 200, ConsolePages.signIn(oidc.isPresent(), setup.developmentTokens(), browser, notice, error));
  }

  /** The random value binding a sign-in to this browser (and the sign-in form's CSRF token). */
  private String browserBinding(Context ctx) {
    String existing = ctx.cookie(LOGIN_COOKIE);
    if (existing != null && existing.matches("[A-Za-z0-9_-]{43}")) {
      return existing;
    }
    String fresh = ConsoleSessions.randomToken();
    setCookie(ctx, LOGIN_COOKIE, fresh, ConsoleSessions.LOGIN_TTL.toSeconds());
    return fresh;
  }

  private void startLogin(Context ctx) {
    if (oidc.isEmpty()) {
      html(ctx, 404, ConsolePages.signIn(false, setup.developmentTokens(), browserBinding(ctx), null,
          "This server has no identity provider to sign in with."));
      return;
    }
    ConsoleSessions.PendingLogin login = sessions.startLogin(browserBinding(ctx));
    redirect(ctx, oidc.get().authorizationRequest(login.state(), login.nonce(), login.codeVerifier(), redirectUri(ctx)).toString());
  }

  private String redirectUri(Context ctx) {
    return ownOrigin(ctx) + BASE + "/callback";
  }

  private void callback(Context ctx) {
    if (oidc.isEmpty()) {
      redirect(ctx, BASE + "/sign-in");
      return;
    }
    Optional<ConsoleSessions.PendingLogin> login = sessions.finishLogin(ctx.queryParam("state"), ctx.cookie(LOGIN_COOKIE));
    String code = ctx.queryParam("code");
    if (login.isEmpty() || code == null || ctx.queryParam("error") != null) {
      LOG.info("console sign-in refused: {}", login.isEmpty() ? "unknown or expired state" : "the identity provider answered an error");
      redirect(ctx, BASE + "/sign-in?failed=1");
      return;
    }
    try {
      OidcClient.Tokens tokens = oidc.get().exchange(code, login.get().codeVerifier(), redirectUri(ctx));
      Principal principal = setup.verifier().verify(tokens.accessToken());
      Optional<Instant> expiry = tokens.expiresInSeconds().map(sec -> clock.instant().plusSeconds(sec))
          .or(() -> expiryOf(tokens.accessToken()));
      startSession(ctx, principal, expiry, tokens.refreshToken());
    } catch (AuthenticationException | BackendUnavailableException e) {
      LOG.info("console sign-in refused: {}", e.getMessage());
      redirect(ctx, BASE + "/sign-in?failed=1");
    }
  }

  private void tokenLogin(Context ctx) {
    if (!setup.developmentTokens()) {
      html(ctx, 404, ConsolePages.signIn(oidc.isPresent(), false, browserBinding(ctx), null, "Development tokens are not accepted here."));
      return;
    }
    String binding = ctx.cookie(LOGIN_COOKIE);
    if (!sameOrigin(ctx) || binding == null || !ConsoleSessions.same(ctx.formParam("_csrf"), binding)) {
      html(ctx, 403, ConsolePages.signIn(oidc.isPresent(), true, browserBinding(ctx), null,
          "The sign-in form was stale or sent from another site. Please try again."));
      return;
    }
    String token = Optional.ofNullable(ctx.formParam("token")).map(String::strip).orElse("");
    try {
      if (token.isEmpty() || token.length() > 16 * 1024) {
        throw new AuthenticationException("paste a development token");
      }
      Principal principal = setup.verifier().verify(token);
      startSession(ctx, principal, expiryOf(token), Optional.empty());
    } catch (AuthenticationException | BackendUnavailableException e) {
      html(ctx, 401, ConsolePages.signIn(oidc.isPresent(), true, browserBinding(ctx), null, "Not signed in: " + e.getMessage()));
    }
  }

  private void startSession(Context ctx, Principal principal, Optional<Instant> expiry, Optional<String> refreshToken) {
    Session s = sessions.create(principal, expiry, refreshToken);
    long seconds = Math.max(1, ChronoUnit.SECONDS.between(clock.instant(), s.expiresAt()));
    setCookie(ctx, SESSION_COOKIE, s.id(), seconds);
    setCookie(ctx, LOGIN_COOKIE, "", 0);
    LOG.info("console session started for {} ({})", principal.subject(), principal.method());
    redirect(ctx, BASE + "/models");
  }

  private void signOut(Context ctx, Session s) {
    sessions.remove(s.id());
    setCookie(ctx, SESSION_COOKIE, "", 0);
    oidc.ifPresent(o -> o.endSession(s.refreshToken()));
    LOG.info("console session ended for {}", s.principal().subject());
    redirect(ctx, BASE + "/sign-in?signed-out=1");
  }

  /** The {@code exp} of a token that the verifier has already accepted. */
  private Optional<Instant> expiryOf(String token) {
    String[] parts = token.split("\\.");
    if (parts.length < 2) {
      return Optional.empty();
    }
    try {
      JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
      return claims.path("exp").canConvertToLong() ? Optional.of(Instant.ofEpochSecond(claims.get("exp").asLong())) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  // --- pages ----------------------------------------------------------------------------------

  private void models(Context ctx, Session s) {
    ObjectNode args = json.createObjectNode();
    String search = Optional.ofNullable(ctx.queryParam("search")).orElse("").strip();
    if (!search.isEmpty()) {
      args.put("search", search);
    }
    html(ctx, 200, ConsolePages.models(viewer(s), search, call(ctx, s, "discover_models", args, false)));
  }

  private void load(Context ctx, Session s) {
    String file = required(ctx, "filePath");
    String id = Optional.ofNullable(ctx.formParam("simulationId")).orElse("").strip();
    if (!confirmed(ctx)) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("filePath", file);
      fields.put("simulationId", id);
      html(ctx, 200, ConsolePages.confirm(viewer(s), "Load a model", List.of("Model file: " + file,
          "New simulation id: " + (id.isEmpty() ? "(generated)" : id)), BASE + "/models/load", fields, BASE + "/models"));
      return;
    }
    ObjectNode args = json.createObjectNode().put("filePath", file);
    if (!id.isEmpty()) {
      args.put("simulationId", id);
    }
    JsonNode out = call(ctx, s, "load_simulation", args, true);
    redirect(ctx, BASE + "/simulations/" + Html.url(out.path("simulationId").asText()));
  }

  private void simulation(Context ctx, Session s) {
    String id = ctx.pathParam("simulationId");
    String pattern = Optional.ofNullable(ctx.queryParam("pattern")).map(String::strip).filter(p -> !p.isEmpty()).orElse("**");
    ObjectNode latestArgs = json.createObjectNode().put("simulationId", id).put("searchPattern", pattern).put("limit", PARAMETER_PAGE);
    JsonNode latest = call(ctx, s, "list_parameters", latestArgs, false);
    JsonNode shown = latest;
    String revision = ctx.queryParam("revision");
    if (revision != null && !revision.isBlank() && !revision.strip().equals(latest.path("revision").asText())) {
      ObjectNode args = latestArgs.deepCopy().put("revision", positive(revision, "revision"));
      shown = call(ctx, s, "list_parameters", args, false);
    }
    html(ctx, 200, ConsolePages.simulation(viewer(s), id, pattern, latest.path("revision").asInt(), shown));
  }

  private void set(Context ctx, Session s) {
    String id = ctx.pathParam("simulationId");
    String path = required(ctx, "parameterPath");
    String rawValue = required(ctx, "value");
    double value;
    try {
      value = Double.parseDouble(rawValue.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException("the new value must be a number, not '" + rawValue + "'");
    }
    String unit = Optional.ofNullable(ctx.formParam("unit")).orElse("").strip();
    String comment = Optional.ofNullable(ctx.formParam("comment")).orElse("").strip();
    if (!confirmed(ctx)) {
      JsonNode current = call(ctx, s, "list_parameters", json.createObjectNode().put("simulationId", id)
          .put("searchPattern", path).put("limit", 1), false);
      JsonNode p = current.path("parameters").path(0);
      if (p.isMissingNode() || !p.path("path").asText().equalsIgnoreCase(path)) {
        throw new io.mcpbridge.core.error.NotFoundException("no quantity '" + path + "' in simulation " + id);
      }
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("parameterPath", path);
      fields.put("value", rawValue.strip());
      fields.put("unit", unit);
      fields.put("comment", comment);
      html(ctx, 200, ConsolePages.confirm(viewer(s), "Change a parameter", List.of("Simulation: " + id,
          "Parameter: " + path,
          "Current value: " + (p.path("value").isNull() ? "–" : p.path("value").asText()) + " " + p.path("unit").asText(),
          "New value: " + rawValue.strip() + " " + (unit.isEmpty() ? p.path("unit").asText() : unit),
          "Creates: revision " + (current.path("revision").asInt() + 1)),
          BASE + "/simulations/" + Html.url(id) + "/set", fields, BASE + "/simulations/" + Html.url(id)));
      return;
    }
    ObjectNode args = json.createObjectNode().put("simulationId", id).put("parameterPath", path).put("value", value);
    if (!unit.isEmpty()) {
      args.put("unit", unit);
    }
    if (!comment.isEmpty()) {
      args.put("comment", comment);
    }
    call(ctx, s, "set_parameter_value", args, true);
    redirect(ctx, BASE + "/simulations/" + Html.url(id) + "?pattern=" + Html.url(path));
  }

  private void run(Context ctx, Session s) {
    String id = ctx.pathParam("simulationId");
    String revision = Optional.ofNullable(ctx.formParam("revision")).orElse("").strip();
    if (!confirmed(ctx)) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("revision", revision);
      html(ctx, 200, ConsolePages.confirm(viewer(s), "Run a simulation", List.of("Simulation: " + id,
          "Revision: " + (revision.isEmpty() ? "latest" : revision)),
          BASE + "/simulations/" + Html.url(id) + "/run", fields, BASE + "/simulations/" + Html.url(id)));
      return;
    }
    ObjectNode args = json.createObjectNode().put("simulationId", id);
    if (!revision.isEmpty()) {
      args.put("revision", positive(revision, "revision"));
    }
    JsonNode out = call(ctx, s, "run_simulation", args, true);
    redirect(ctx, BASE + "/jobs/" + Html.url(out.path("jobId").asText()));
  }

  private void jobList(Context ctx, Session s) {
    html(ctx, 200, ConsolePages.jobs(viewer(s), jobs.jobsOwnedBy(s.principal().subject(), JOB_LIST_LIMIT)));
  }

  private void job(Context ctx, Session s) {
    JsonNode status = call(ctx, s, "get_job_status", json.createObjectNode().put("jobId", ctx.pathParam("jobId")), false);
    html(ctx, 200, ConsolePages.job(viewer(s), status));
  }

  private void results(Context ctx, Session s) {
    String id = ctx.pathParam("resultsId");
    JsonNode results = call(ctx, s, "get_simulation_results", json.createObjectNode().put("resultsId", id), false);
    JsonNode pk = null;
    String pkError = null;
    try {
      pk = call(ctx, s, "calculate_pk_parameters", json.createObjectNode().put("resultsId", id), false);
    } catch (BridgeException e) {
      pkError = "No PK parameters: " + e.getMessage();
    }
    html(ctx, 200, ConsolePages.results(viewer(s), results, pk, pkError));
  }

  private void csv(Context ctx, Session s) {
    String id = ctx.pathParam("resultsId");
    JsonNode results = call(ctx, s, "get_simulation_results", json.createObjectNode().put("resultsId", id), false);
    StringBuilder b = new StringBuilder();
    b.append(csvField("Time [" + results.path("timeUnit").asText() + "]"));
    for (JsonNode series : results.path("series")) {
      b.append(',').append(csvField(series.path("path").asText() + " [" + series.path("unit").asText() + "]"));
    }
    b.append("\r\n");
    JsonNode times = results.path("times");
    for (int r = 0; r < times.size(); r++) {
      b.append(times.get(r).asText());
      for (JsonNode series : results.path("series")) {
        JsonNode v = series.path("values").get(r);
        b.append(',').append(v == null || v.isNull() ? "" : v.asText());
      }
      b.append("\r\n");
    }
    String file = id.replaceAll("[^A-Za-z0-9_-]", "_") + ".csv";
    ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    ctx.status(200).contentType("text/csv; charset=utf-8").result(b.toString());
  }

  private static String csvField(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  private void auditTrail(Context ctx, Session s) {
    if (!s.principal().has(Role.ADMIN)) {
      throw new ForbiddenException("reading the audit trail requires the admin role");
    }
    String afterParam = ctx.queryParam("after");
    long after = afterParam == null || afterParam.isBlank() ? 0 : positive(afterParam, "after");
    List<AuditRecord> records = audit.query(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), after, AUDIT_PAGE));
    List<ConsolePages.AuditRow> rows = new ArrayList<>();
    AuditRecord previous = null;
    int broken = 0;
    for (AuditRecord r : records) {
      boolean hashOk = AuditChain.hashOf(r.event(), r.sequence(), r.previousHash()).equals(r.hash());
      Boolean linked = previous != null && previous.sequence() + 1 == r.sequence()
          ? r.previousHash().equals(previous.hash()) : r.sequence() == 1 ? r.previousHash().equals(AuditChain.GENESIS_HASH) : null;
      if (!hashOk || Boolean.FALSE.equals(linked)) {
        broken++;
      }
      rows.add(new ConsolePages.AuditRow(r.sequence(), r.event().timestamp().truncatedTo(ChronoUnit.SECONDS).toString(),
          r.event().eventType(), r.event().identity().subject(), r.event().status(),
          r.event().summary().getOrDefault("channel", ""), hashOk, linked));
      previous = r;
    }
    String verdict = records.isEmpty() ? "No records on this page."
        : broken == 0 ? "Verified: the " + records.size() + " records shown are intact and linked."
        : "Verification FAILED for " + broken + " of the " + records.size() + " records shown.";
    Long next = records.size() == AUDIT_PAGE ? records.get(records.size() - 1).sequence() : null;
    html(ctx, 200, ConsolePages.audit(viewer(s), rows, verdict, next));
  }

  private static String required(Context ctx, String field) {
    String v = ctx.formParam(field);
    if (v == null || v.isBlank()) {
      throw new InvalidInputException(field + " is required");
    }
    return v.strip();
  }

  private static int positive(String raw, String name) {
    try {
      int v = Integer.parseInt(raw.strip());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(name + " must be a whole number");
    }
  }
}
