package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The panel's language: the operator's choice, else the browser's, else English. */
class LanguageIT {
  private static final String PAGE = "/account/language";

  private TestPanel panel;

  @BeforeEach
  void start() {
    panel = TestPanel.start();
  }

  @AfterEach
  void stop() {
    panel.close();
  }

  private List<AuditEvent> changes() {
    return panel.audit.all().stream()
        .filter(event -> event.type() == AuditEventType.LANGUAGE_CHANGED)
        .toList();
  }

  @Test
  void aBrowserThatPrefersGerman_getsGermanPages() {
    Browser browser = panel.browser().acceptLanguage("de-DE,de;q=0.9,en;q=0.8");

    Response login = browser.get("/login");

    assertThat(login.body())
        .contains("<html lang=\"de\">", "<title>Anmelden · SupportPro</title>")
        .doesNotContain("??");
    assertThat(login.text()).contains("Benutzername oder E-Mail-Adresse", "Passwort");

    signIn(browser, TestPanel.ADMIN, TestPanel.PASSWORD);
    Response home = browser.get("/");

    assertThat(home.body()).contains("<html lang=\"de\">").doesNotContain("??");
    assertThat(home.text()).contains("Willkommen", "Angemeldet als", "Kontosicherheit", "Abmelden");
  }

  @Test
  void everyPageOfAnAdministrator_isGermanThroughout() {
    Browser browser = panel.browser().acceptLanguage("de");
    signIn(browser, TestPanel.ADMIN, TestPanel.PASSWORD);
    String operator = "/admin/operators/" + panel.operator(TestPanel.OPERATOR).id();
    for (String page :
        List.of(
            "/",
            "/account/security",
            "/account/sessions",
            "/account/password",
            "/account/time-zone",
            PAGE,
            "/admin/operators",
            "/admin/operators/new",
            operator,
            operator + "/reset-password",
            operator + "/deactivate",
            "/admin/settings",
            "/admin/audit",
            "/admin/throttles",
            "/admin/plugins")) {
      Response answer = browser.get(page);

      assertThat(answer.status()).as(page).isEqualTo(200);
      assertThat(answer.body()).as(page).contains("<html lang=\"de\">").doesNotContain("??");
      assertThat(answer.text()).as(page).contains("Abmelden", "SupportPro Operator-Sicherheit");
    }
  }

  /** Sentences that carry markup take their values escaped, in every language. */
  @Test
  void aDisplayNameWithMarkup_isShownAsText_inTheSentencesAroundIt() {
    Browser admin = panel.browser().acceptLanguage("de");
    signIn(admin, TestPanel.ADMIN, TestPanel.PASSWORD);
    String edit = "/admin/operators/" + panel.operator(TestPanel.OPERATOR).id();
    String hostile = "<script>x</script><b>Olivia";
    Response saved =
        submit(
            admin,
            edit,
            edit,
            Map.of(
                "email",
                panel.operator(TestPanel.OPERATOR).email().value(),
                "displayName",
                hostile,
                "role",
                "operator"));
    assertThat(saved.status()).isEqualTo(303);
    Browser operator = panel.browser().acceptLanguage("de");
    signIn(operator, TestPanel.OPERATOR, TestPanel.PASSWORD);

    Response home = operator.get("/");

    assertThat(home.body())
        .contains("Angemeldet als <strong>&lt;script&gt;x&lt;/script&gt;&lt;b&gt;Olivia</strong>")
        .doesNotContain("<script>x", "<b>Olivia");
  }

  @Test
  void anUnknownOrMalformedHeader_getsEnglish() {
    for (String header : List.of("fr-FR,fr;q=0.9", ";;;q=abc,,", "de;q=2", "x".repeat(600))) {
      Response login = panel.browser().acceptLanguage(header).get("/login");

      assertThat(login.status()).as(header).isEqualTo(200);
      assertThat(login.body()).as(header).contains("<html lang=\"en\">", "<title>Sign in");
    }
  }

  @Test
  void theOperatorsChoice_winsOverTheBrowsers_andIsAudited() {
    Browser browser = panel.browser().acceptLanguage("en-GB,en;q=0.9");
    signIn(browser, TestPanel.ADMIN, TestPanel.PASSWORD);
    assertThat(browser.get("/account/security").body()).contains("href=\"/account/language\"");
    assertThat(browser.get(PAGE).body())
        .contains("<option value=\"en\" lang=\"en\" selected=\"selected\">English</option>");

    Response saved = submit(browser, PAGE, PAGE, Map.of("language", "de"));

    assertThat(saved.status()).isEqualTo(303);
    assertThat(saved.location()).hasValue(PAGE + "?notice=language-saved");
    Response after = browser.follow(saved);
    assertThat(after.body())
        .contains(
            "<html lang=\"de\">", "<option value=\"de\" lang=\"de\" selected=\"selected\">Deutsch");
    assertThat(after.text()).contains("Ihre Sprache");
    assertThat(changes())
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.actor().name()).isEqualTo(TestPanel.ADMIN);
              assertThat(change.actor().clientAddress()).isEqualTo("127.0.0.1");
              assertThat(change.details()).containsEntry("from", "none").containsEntry("to", "de");
            });

    Browser elsewhere = panel.browser().acceptLanguage("en");
    signIn(elsewhere, TestPanel.ADMIN, TestPanel.PASSWORD);
    assertThat(elsewhere.get("/").text()).contains("Willkommen");
    Browser other = panel.browser().acceptLanguage("en");
    signIn(other, TestPanel.OPERATOR, TestPanel.PASSWORD);
    assertThat(other.get("/").text()).contains("Welcome");
  }

  @Test
  void theAuditLog_writesTimesAndCountsInThePagesLanguage() {
    Browser browser = panel.browser().acceptLanguage("de");
    signIn(browser, TestPanel.ADMIN, TestPanel.PASSWORD);
    submit(browser, "/account/time-zone", "/account/time-zone", Map.of("zone", "Europe/Berlin"));
    panel.audit.append(
        AuditEvent.of(
            Instant.parse("2026-12-06T01:15:07Z"),
            AuditEventType.SIGNED_OUT,
            Actor.anonymous("ghost", "192.0.2.1"),
            ""));

    assertThat(browser.get("/admin/audit?type=SIGNED_OUT").body())
        .contains(">6. Dez. 2026, 02:15:07 MEZ</time>");
  }

  @Test
  void whatIsNotASupportedLanguage_isShownAtTheFieldWith400_andChangesNothing() {
    Browser browser = panel.browser();
    signIn(browser, TestPanel.ADMIN, TestPanel.PASSWORD);
    for (String hostile :
        List.of("", "fr", "DE", "de-DE", "x".repeat(100_000), "de\u0000", "<script>x</script>")) {
      Response answer = submit(browser, PAGE, PAGE, Map.of("language", hostile));

      assertThat(answer.status()).as(hostile).isIn(400, 413);
      if (answer.status() == 400) {
        assertThat(answer.body())
            .as(hostile)
            .contains(
                "Your language was not changed.",
                "href=\"#language\"",
                "id=\"language-error\"",
                "aria-invalid=\"true\"")
            .doesNotContain("<script>x");
      }
    }
    assertThat(changes()).isEmpty();
  }

  @Test
  void aFormWithoutItsCsrfToken_isRefused_andTheFormIsForSignedInOperatorsOnly() {
    Browser browser = panel.browser();
    signIn(browser, TestPanel.ADMIN, TestPanel.PASSWORD);
    Browser anonymous = panel.browser();

    assertThat(browser.post(PAGE, Map.of("language", "de")).status()).isEqualTo(403);
    assertThat(anonymous.get(PAGE).status()).isIn(302, 303);
    assertThat(anonymous.post(PAGE, Map.of("language", "de")).status()).isIn(302, 303, 403);
    assertThat(changes()).isEmpty();
  }
}
