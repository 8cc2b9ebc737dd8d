package io.mcpbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final Principal olga = Principal.localUser("olga", Role.OPERATOR);

  @Test
  void givenTokenExpiringBeforeTheTtl_session_endsWithTheToken() {
    ConsoleSessions sessions = new ConsoleSessions(10, Duration.ofHours(1), clock);
    ConsoleSessions.Session s = sessions.create(olga, Optional.of(clock.instant().plusSeconds(900)), Optional.empty());

    assertThat(s.expiresAt()).isEqualTo(clock.instant().plusSeconds(900));
    clock.advance(Duration.ofSeconds(899));
    assertThat(sessions.find(s.id())).contains(s);
    clock.advance(Duration.ofSeconds(1));
    assertThat(sessions.find(s.id())).isEmpty();
    assertThat(sessions.holds(s.id())).isFalse();
  }

  @Test
  void givenLongLivedToken_session_endsAtTheTtl() {
    ConsoleSessions sessions = new ConsoleSessions(10, Duration.ofMinutes(5), clock);
    ConsoleSessions.Session s = sessions.create(olga, Optional.of(clock.instant().plusSeconds(86_400)), Optional.empty());

    assertThat(s.expiresAt()).isEqualTo(clock.instant().plusSeconds(300));
  }

  @Test
  void givenFullStore_create_dropsTheLeastRecentlyUsedSession() {
    ConsoleSessions sessions = new ConsoleSessions(2, Duration.ofHours(1), clock);
    ConsoleSessions.Session first = sessions.create(olga, Optional.empty(), Optional.empty());
    ConsoleSessions.Session second = sessions.create(olga, Optional.empty(), Optional.empty());
    sessions.find(first.id()); // first is now the most recently used

    ConsoleSessions.Session third = sessions.create(olga, Optional.empty(), Optional.empty());

    assertThat(sessions.size()).isEqualTo(2);
    assertThat(sessions.find(second.id())).isEmpty();
    assertThat(sessions.find(first.id())).isPresent();
    assertThat(sessions.find(third.id())).isPresent();
  }

  @Test
  void sessionIdsAndCsrfTokens_areDistinct256BitValues_andNeverPrinted() {
    ConsoleSessions sessions = new ConsoleSessions(10, Duration.ofHours(1), clock);
    ConsoleSessions.Session a = sessions.create(olga, Optional.empty(), Optional.of("refresh-secret"));
    ConsoleSessions.Session b = sessions.create(olga, Optional.empty(), Optional.empty());

    assertThat(a.id()).hasSize(43).isNotEqualTo(b.id()).isNotEqualTo(a.csrf());
    assertThat(a.toString()).doesNotContain(a.id(), a.csrf(), "refresh-secret");
  }

  @Test
  void pendingLogin_isTakenOnce_onlyByTheBrowserThatStartedIt_andExpires() {
    ConsoleSessions sessions = new ConsoleSessions(10, Duration.ofHours(1), clock);
    ConsoleSessions.PendingLogin mine = sessions.startLogin("browser-a");
    ConsoleSessions.PendingLogin late = sessions.startLogin("browser-a");

    assertThat(sessions.finishLogin(mine.state(), "browser-b")).isEmpty();
    ConsoleSessions.PendingLogin again = sessions.startLogin("browser-a");
    assertThat(sessions.finishLogin(again.state(), "browser-a")).contains(again);
    assertThat(sessions.finishLogin(again.state(), "browser-a")).isEmpty();
    clock.advance(ConsoleSessions.LOGIN_TTL);
    assertThat(sessions.finishLogin(late.state(), "browser-a")).isEmpty();
    assertThat(mine.toString()).doesNotContain(mine.codeVerifier(), mine.state());
  }

  @Test
  void pkceChallenge_matchesTheExampleOfRfc7636() {
    assertThat(OidcClient.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }
}
