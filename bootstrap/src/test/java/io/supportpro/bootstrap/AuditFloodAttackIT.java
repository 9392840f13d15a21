package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.PanelSteps;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.domain.session.SessionToken;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An attacker who cannot sign in tries to fill the audit log instead: thousands of Duo callbacks
 * with made-up states and thousands of sign-ins for an account that is already throttled, from one
 * address, over HTTP. Repeated refusals must become a few entries that count them, never one row
 * each, and none of the requests may fail on the server. Entries older than the retention go.
 */
class AuditFloodAttackIT {
  /** Junk requests of each kind; together the 10,000 of the acceptance target. */
  private static final int PER_KIND = 5_000;

  private static final int CLIENTS = 4;

  /** What "a few rows" means: a handful of counted entries, even across a window's boundary. */
  private static final long FEW = 10;

  private Panel panel;

  @AfterEach
  void stop() {
    if (panel != null) {
      panel.close();
    }
  }

  private long auditRows() {
    return panel.count("select count(*) from audit_event");
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void tenThousandJunkRequests_addAFewCountedEntriesAndNoServerError(Store store) throws Exception {
    panel = Panel.start(store);
    panel.operator("alice", "operator");
    Response locked = null;
    for (int i = 0; i < 6; i++) {
      locked = PanelSteps.signIn(panel.browser(), "alice", "Not-the-password-" + i);
    }
    assertThat(locked.status()).isEqualTo(429);
    long before = auditRows();

    Instant started = Instant.now();
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    flood(
        browser -> {
          Response form = browser.get("/login");
          Map<String, String> fields = new LinkedHashMap<>();
          fields.put("csrf", Html.csrf(form.body()));
          fields.put("next", "/");
          fields.put("login", "alice");
          fields.put("password", "Not-the-password-x");
          return () -> browser.post("/login", fields);
        },
        statuses);
    flood(
        browser ->
            () -> browser.get("/duo/callback?state=" + SessionToken.randomText() + "&duo_code=x"),
        statuses);
    Duration took = Duration.between(started, Instant.now());
    long added = auditRows() - before;

    assertThat(statuses.keySet())
        .as("statuses %s in %s", statuses, took)
        .allSatisfy(status -> assertThat(status).isLessThan(500));
    assertThat(statuses.values().stream().mapToInt(AtomicInteger::get).sum())
        .isEqualTo(2 * PER_KIND);
    assertThat(added)
        .as(
            "audit rows added by %d junk requests in %s (statuses %s)",
            2 * PER_KIND, took, statuses)
        .isLessThanOrEqualTo(FEW);
  }

  /**
   * Sends {@link #PER_KIND} requests from {@link #CLIENTS} browsers at once, counting the statuses.
   */
  private void flood(
      Function<Browser, java.util.concurrent.Callable<Response>> attacker,
      Map<Integer, AtomicInteger> statuses)
      throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    CyclicBarrier ready = new CyclicBarrier(CLIENTS);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        running.add(
            clients.submit(
                () -> {
                  var request = attacker.apply(panel.browser());
                  ready.await(10, TimeUnit.SECONDS);
                  for (int i = 0; i < PER_KIND / CLIENTS; i++) {
                    int status = request.call().status();
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> client : running) {
        client.get(120, TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void thePurge_deletesEntriesOlderThanTheRetentionAndKeepsNewerOnes(Store store) {
    panel = Panel.start(store);
    Instant now = Instant.now();
    insertEvent(now.minus(Duration.ofDays(402)), "old");
    insertEvent(now.minus(Duration.ofDays(399)), "recent");
    insertEvent(now.minus(Duration.ofMinutes(1)), "new");

    panel.services().purge().purge();

    assertThat(panel.count("select count(*) from audit_event where subject = 'old'")).isZero();
    assertThat(panel.count("select count(*) from audit_event where subject in ('recent', 'new')"))
        .isEqualTo(2);
    assertThat(
            panel.count("select count(*) from audit_event where event_type = 'AUDIT_LOG_PURGED'"))
        .as("the log says that it shrank")
        .isEqualTo(1);
  }

  private void insertEvent(Instant at, String subject) {
    panel.execute(
        "insert into audit_event (occurred_at, event_type, actor_name, client_address, subject,"
            + " details) values (?, 'SIGN_IN_FAILED', 'x', '192.0.2.1', ?, '')",
        at.atOffset(ZoneOffset.UTC),
        subject);
  }
}
