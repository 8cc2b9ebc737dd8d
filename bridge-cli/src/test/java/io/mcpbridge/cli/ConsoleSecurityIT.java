package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console's security, over HTTP against the packaged bridge (development tokens, no
 * browser): cookie attributes, the Content-Security-Policy, CSRF and Origin/Host refusals, the
 * server's refusal of a viewer's run, and that no token reaches a URL, a page or a log line.
 */
class ConsoleSecurityIT {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @TempDir static Path work;
  private static RunningBridge bridge;
  private static String olgaToken;
  private static String victorToken;
  private static final List<String> visitedUrls = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> env = RunningBridge.developmentEnv(work, RunningBridge.freePort());
    env.put("CONSOLE_ENABLED", "true");
    env.put("LOG_LEVEL", "DEBUG");
    bridge = RunningBridge.start(work, env);
    olgaToken = bridge.mintToken("olga", "operator");
    victorToken = bridge.mintToken("victor", "viewer");
  }

  @AfterAll
  static void stop() throws Exception {
    if (bridge != null) {
      bridge.close();
    }
  }

  /** A browser-like client: keeps cookies, follows no redirects, records every URL it visits. */
  private static final class Browser {
    final Map<String, String> cookies = new LinkedHashMap<>();
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> get(String path) throws Exception {
      return send(HttpRequest.newBuilder(uri(path)).GET(), null);
    }

    HttpResponse<String> post(String path, Map<String, String> form, String origin) throws Exception {
      String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
      return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)), origin);
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String origin) throws Exception {
      b.timeout(Duration.ofSeconds(60));
      if (!cookies.isEmpty()) {
        b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
      }
      if (origin != null) {
        b.header("Origin", origin);
      }
      HttpRequest request = b.build();
      visitedUrls.add(request.uri().toString());
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      for (String setCookie : response.headers().allValues("Set-Cookie")) {
        String pair = setCookie.split(";", 2)[0];
        String name = pair.substring(0, pair.indexOf('='));
        String value = pair.substring(pair.indexOf('=') + 1);
        if (value.isEmpty()) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      response.headers().firstValue("Location").ifPresent(visitedUrls::add);
      return response;
    }

    URI uri(String path) {
      return URI.create(origin() + path);
    }

    String signIn(String token) throws Exception {
      HttpResponse<String> page = get("/console/sign-in");
      HttpResponse<String> signedIn = post("/console/login/token", Map.of("_csrf", csrf(page), "token", token), origin());
      assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
      assertThat(signedIn.headers().firstValue("Location")).contains("/console/models");
      return csrf(get("/console/models"));
    }
  }

  private static String origin() {
    return "http://127.0.0.1:" + bridge.port;
  }

  private static String csrf(HttpResponse<String> page) {
    Matcher m = CSRF.matcher(page.body());
    assertThat(m.find()).as("page has a CSRF field: " + page.body()).isTrue();
    return m.group(1);
  }

  @Test
  void unauthenticatedVisitor_isSentToSignIn_andStreamsAndImagesAreRefused() throws Exception {
    Browser anonymous = new Browser();

    HttpResponse<String> models = anonymous.get("/console/models");
    HttpResponse<String> events = anonymous.get("/console/jobs/00000000-0000-0000-0000-000000000000/events");
    HttpResponse<String> plot = anonymous.get("/console/results/x/plot.png");

    assertThat(models.statusCode()).isEqualTo(303);
    assertThat(models.headers().firstValue("Location")).contains("/console/sign-in");
    assertThat(events.statusCode()).isEqualTo(401);
    assertThat(plot.statusCode()).isEqualTo(401);
  }

  @Test
  void everyConsoleResponse_carriesAStrictContentSecurityPolicy_andPagesHaveNoInlineScriptOrStyle() throws Exception {
    Browser olga = new Browser();
    olga.signIn(olgaToken);

    for (String path : List.of("/console/sign-in", "/console/models", "/console/jobs", "/console/assets/console.js")) {
      HttpResponse<String> r = olga.get(path);
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(csp).as(path).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval", "*");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(r.headers().firstValue("Cache-Control")).as(path).isPresent();
      if (path.endsWith("/models") || path.endsWith("/jobs")) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).as(path).doesNotContain("<script>", "style=", "<style", "onclick=", "onload=", "javascript:");
        assertThat(r.body()).as(path).contains("<script src=\"/console/assets/console.js\" defer></script>", "<main id=\"main\">",
            "<nav aria-label=\"Console\">", "lang=\"en\"");
      }
    }
  }

  @Test
  void cookies_areHttpOnlySameSiteAndScopedToTheConsole_andTheSessionEndsWithTheToken() throws Exception {
    Browser olga = new Browser();
    HttpResponse<String> page = olga.get("/console/sign-in");
    String loginCookie = page.headers().allValues("Set-Cookie").get(0);
    HttpResponse<String> signedIn = olga.post("/console/login/token", Map.of("_csrf", csrf(page), "token", olgaToken), origin());
    String sessionCookie = signedIn.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("bridge_console=")).findFirst().orElseThrow();

    for (String cookie : List.of(loginCookie, sessionCookie)) {
      assertThat(cookie).contains("; HttpOnly", "; SameSite=Lax", "; Path=/console");
      // Plain HTTP without CONSOLE_COOKIE_SECURE: a Secure cookie would not be stored by the browser.
      assertThat(cookie).doesNotContain("Secure");
    }
    long maxAge = Long.parseLong(sessionCookie.replaceAll(".*Max-Age=(\\d+).*", "$1"));
    // Development tokens live 15 minutes by default: the session must not outlive the token.
    assertThat(maxAge).isPositive().isLessThanOrEqualTo(15 * 60);
    assertThat(sessionCookie).doesNotContain(olgaToken);
  }

  @Test
  void mutatingForm_withoutOrWithWrongCsrfToken_orFromAnotherOrigin_isRefusedAndChangesNothing() throws Exception {
    Browser olga = new Browser();
    String csrf = olga.signIn(olgaToken);
    Map<String, String> load = new LinkedHashMap<>(Map.of("filePath", "one_compartment_iv_bolus.pkml",
        "simulationId", "csrf-victim", "confirm", "yes"));

    HttpResponse<String> missing = olga.post("/console/models/load", load, origin());
    load.put("_csrf", "x" + csrf.substring(1));
    HttpResponse<String> wrong = olga.post("/console/models/load", load, origin());
    load.put("_csrf", csrf);
    HttpResponse<String> foreign = olga.post("/console/models/load", load, "https://evil.example");
    HttpResponse<String> otherPort = olga.post("/console/models/load", load, "http://127.0.0.1:1");

    assertThat(List.of(missing, wrong, foreign, otherPort)).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(403));
    HttpResponse<String> list = bridge.post("/list_parameters", olgaToken, "{\"simulationId\":\"csrf-victim\"}", Map.of());
    assertThat(list.statusCode()).as("nothing was loaded").isEqualTo(404);

    HttpResponse<String> accepted = olga.post("/console/models/load", load, origin());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(303);
    assertThat(accepted.headers().firstValue("Location")).contains("/console/simulations/csrf-victim");
  }

  @Test
  void signInForm_withoutTheBrowsersBindingValue_isRefused() throws Exception {
    Browser attacker = new Browser();
    attacker.get("/console/sign-in");

    HttpResponse<String> forged = attacker.post("/console/login/token", Map.of("_csrf", "forged", "token", olgaToken), origin());

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(attacker.cookies).doesNotContainKey("bridge_console");
  }

  @Test
  void foreignHostHeader_onALoopbackServer_isRefused() throws Exception {
    // A rebinding page reaches the loopback server under its own name: the Host header tells.
    try (Socket socket = new Socket("127.0.0.1", bridge.port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET /console/sign-in HTTP/1.1\r\nHost: evil.example:" + bridge.port + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 403");
      assertThat(answer).doesNotContain("bridge_console_login=");
    }
  }

  @Test
  void viewer_seesNoRunOrSetControls_andTheServerRefusesTheirRun() throws Exception {
    Browser olga = new Browser();
    String olgaCsrf = olga.signIn(olgaToken);
    olga.post("/console/models/load", Map.of("_csrf", olgaCsrf, "filePath", "one_compartment_iv_bolus.pkml",
        "simulationId", "viewer-check", "confirm", "yes"), origin());
    Browser victor = new Browser();
    String csrf = victor.signIn(victorToken);

    HttpResponse<String> page = victor.get("/console/simulations/viewer-check");
    HttpResponse<String> run = victor.post("/console/simulations/viewer-check/run", Map.of("_csrf", csrf, "confirm", "yes"), origin());
    HttpResponse<String> set = victor.post("/console/simulations/viewer-check/set", Map.of("_csrf", csrf, "confirm", "yes",
        "parameterPath", "Organism|Central|Volume", "value", "2"), origin());
    HttpResponse<String> audit = victor.get("/console/audit");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Organism|Central|Volume").doesNotContain("id=\"run\"", "id=\"set\"", "/run\"", "/set\"");
    assertThat(run.statusCode()).as(run.body()).isEqualTo(403);
    assertThat(set.statusCode()).as(set.body()).isEqualTo(403);
    assertThat(audit.statusCode()).isEqualTo(403);
  }

  @Test
  void signOut_endsTheSessionOnTheServer() throws Exception {
    Browser olga = new Browser();
    String csrf = olga.signIn(olgaToken);
    String session = olga.cookies.get("bridge_console");

    HttpResponse<String> out = olga.post("/console/sign-out", Map.of("_csrf", csrf), origin());
    olga.cookies.put("bridge_console", session); // a copy of the cookie kept by someone
    HttpResponse<String> after = olga.get("/console/models");

    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("bridge_console=;").contains("Max-Age=0"));
    assertThat(after.statusCode()).isEqualTo(303);
    assertThat(after.headers().firstValue("Location")).contains("/console/sign-in");
  }

  @Test
  void noTokenOrSessionId_inAnyUrl_page_orLogLine() throws Exception {
    Browser olga = new Browser();
    String csrf = olga.signIn(olgaToken);
    String session = olga.cookies.get("bridge_console");
    olga.post("/console/models/load", Map.of("_csrf", csrf, "filePath", "one_compartment_iv_bolus.pkml",
        "simulationId", "leak-check", "confirm", "yes"), origin());
    HttpResponse<String> run = olga.post("/console/simulations/leak-check/run", Map.of("_csrf", csrf, "confirm", "yes"), origin());
    String jobPage = run.headers().firstValue("Location").orElseThrow();
    List<String> pages = new ArrayList<>();
    for (String path : List.of("/console/models", "/console/simulations/leak-check", jobPage, "/console/jobs")) {
      pages.add(olga.get(path).body());
    }
    olga.get(jobPage + "/events");
    olga.post("/console/login/token", Map.of("_csrf", "bad", "token", victorToken), origin());

    String log = Files.readString(work.resolve("serve.log"));
    assertThat(log).contains("console session started for olga");
    for (String secret : List.of(olgaToken, victorToken, session, tokenSignature(olgaToken))) {
      assertThat(log).doesNotContain(secret);
      assertThat(visitedUrls).allSatisfy(u -> assertThat(u).doesNotContain(secret));
      assertThat(pages).allSatisfy(p -> assertThat(p).doesNotContain(secret));
    }
    assertThat(pages).allSatisfy(p -> assertThat(p).doesNotContain("eyJ"));
  }

  private static String tokenSignature(String jwt) {
    return jwt.substring(jwt.lastIndexOf('.') + 1);
  }
}
