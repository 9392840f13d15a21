package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.application.port.in.ChooseTimeZoneUseCase;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.OperatorId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An operator's own time zone, chosen on their account page and used by the audit log. */
class TimeZoneIT {
  private static final String PAGE = "/account/time-zone";

  private TestPanel panel;
  private Browser admin;

  @BeforeEach
  void start() {
    panel = TestPanel.start();
    admin = panel.browser();
    signIn(admin, TestPanel.ADMIN, TestPanel.PASSWORD);
  }

  @AfterEach
  void stop() {
    panel.close();
  }

  private List<AuditEvent> changes() {
    return panel.audit.all().stream()
        .filter(event -> event.type() == AuditEventType.TIME_ZONE_CHANGED)
        .toList();
  }

  @Test
  void theAccountPage_linksToTheFormWhichStartsAtUtc() {
    assertThat(admin.get("/account/security").body()).contains("href=\"/account/time-zone\"");

    Response form = admin.get(PAGE);

    assertThat(form.status()).isEqualTo(200);
    assertThat(form.body())
        .contains(
            "<label for=\"zone\">Time zone</label>",
            "<option value=\"UTC\" selected=\"selected\">UTC</option>",
            "<option value=\"Europe/Berlin\">Europe/Berlin</option>",
            "name=\"csrf\"");
  }

  @Test
  void choosingAZone_changesTheTimesOfTheAuditLog_andIsAudited() {
    panel.audit.append(
        AuditEvent.of(
            Instant.parse("2026-07-01T10:00:00Z"),
            AuditEventType.SIGNED_OUT,
            Actor.anonymous("ghost", "192.0.2.1"),
            ""));
    assertThat(admin.get("/admin/audit?type=SIGNED_OUT").body())
        .contains(">1 Jul 2026, 10:00:00 UTC</time>");

    Response saved = submit(admin, PAGE, PAGE, Map.of("zone", "Europe/Berlin"));

    assertThat(saved.status()).isEqualTo(303);
    assertThat(saved.location()).hasValue(PAGE + "?notice=time-zone-saved");
    assertThat(admin.follow(saved).text())
        .contains("Your time zone was saved.", "It is Europe/Berlin now");
    assertThat(admin.get("/admin/audit?type=SIGNED_OUT").body())
        .contains("<time datetime=\"2026-07-01T10:00:00Z\">1 Jul 2026, 12:00:00 CEST</time>");
    assertThat(changes())
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.actor().name()).isEqualTo(TestPanel.ADMIN);
              assertThat(change.actor().clientAddress()).isEqualTo("127.0.0.1");
              assertThat(change.details())
                  .containsEntry("from", "UTC")
                  .containsEntry("to", "Europe/Berlin");
            });
  }

  @Test
  void theTimesOfSessionsAndThrottles_areInTheChosenZone() {
    submit(admin, PAGE, PAGE, Map.of("zone", "Europe/Berlin"));
    signIn(panel.browser(), TestPanel.OPERATOR, "not-the-password-at-all");

    assertThat(admin.get("/account/sessions").body())
        .contains("<time datetime=\"2026-01-05T09:00:00Z\">5 Jan 2026, 10:00:00 CET</time>");
    assertThat(admin.get("/admin/throttles").text()).contains("5 Jan 2026, 10:00:00 CET");
  }

  @Test
  void theThrottlesPage_looksUpItsReadersZoneOnceHoweverManyRowsItShows() {
    var lookUps = new AtomicInteger();
    try (TestPanel counting =
        TestPanel.start(
            useCases -> {
              ChooseTimeZoneUseCase zones = useCases.account().timeZone();
              return UseCaseOverrides.replace(
                  useCases,
                  new ChooseTimeZoneUseCase() {
                    @Override
                    public ZoneId timeZone(OperatorId operator) {
                      lookUps.incrementAndGet();
                      return zones.timeZone(operator);
                    }

                    @Override
                    public List<String> zones() {
                      return zones.zones();
                    }

                    @Override
                    public TimeZoneChoice choose(Actor actor, OperatorId operator, String zone) {
                      return zones.choose(actor, operator, zone);
                    }
                  });
            })) {
      Browser reader = counting.browser();
      signIn(reader, TestPanel.ADMIN, TestPanel.PASSWORD);
      for (String name : List.of("ghost-1", "ghost-2", "ghost-3")) {
        signIn(counting.browser(), name, "not-the-password-at-all");
      }
      lookUps.set(0);

      String page = reader.get("/admin/throttles").text();

      assertThat(page).contains("ghost-1", "ghost-2", "ghost-3");
      assertThat(lookUps).hasValue(1);
    }
  }

  @Test
  void theZoneOfOneOperator_isNotAnothers() {
    submit(admin, PAGE, PAGE, Map.of("zone", "Asia/Tokyo"));
    Browser other = panel.browser();
    signIn(other, TestPanel.OPERATOR, TestPanel.PASSWORD);

    assertThat(other.get(PAGE).body())
        .contains("<option value=\"UTC\" selected=\"selected\">UTC</option>");
  }

  @Test
  void aFormWithoutItsCsrfToken_isRefused_andChangesNothing() {
    Response refused = admin.post(PAGE, Map.of("zone", "Europe/Berlin"));
    Response forged = admin.post(PAGE, Map.of("zone", "Europe/Berlin", "csrf", "forged"));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(forged.status()).isEqualTo(403);
    assertThat(changes()).isEmpty();
    assertThat(admin.get(PAGE).body())
        .contains("<option value=\"UTC\" selected=\"selected\">UTC</option>");
  }

  @Test
  void whatIsNotTheNameOfAZone_isShownAtTheFieldWith422_andChangesNothing() {
    for (String hostile :
        List.of(
            "",
            "Mars/Olympus",
            "europe/berlin",
            "+05:00",
            "x".repeat(100_000),
            "Europe/Berlin\u0000",
            "<script>alert('x')</script>")) {
      Response answer = submit(admin, PAGE, PAGE, Map.of("zone", hostile));

      assertThat(answer.status()).as(hostile).isIn(413, 422);
      if (answer.status() == 422) {
        assertThat(answer.body())
            .as(hostile)
            .contains(
                "Your time zone was not changed.",
                "href=\"#zone\"",
                "id=\"zone-error\"",
                "aria-invalid=\"true\"")
            .doesNotContain("<script>alert");
      }
    }
    assertThat(changes()).isEmpty();
  }

  @Test
  void theForm_isForSignedInOperatorsOnly() {
    Browser anonymous = panel.browser();

    assertThat(anonymous.get(PAGE).status()).isIn(302, 303);
    assertThat(anonymous.post(PAGE, Map.of("zone", "Europe/Berlin")).status()).isIn(302, 303, 403);
    assertThat(changes()).isEmpty();
  }
}
