package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signOut;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The words the handlers, the domain and the use cases put into pages reach a browser that prefers
 * German in German, and one that names no language in English.
 */
class GermanTextsIT {
  private final TestPanel panel = TestPanel.start();

  @AfterEach
  void stop() {
    panel.close();
  }

  private Browser german() {
    Browser browser = panel.browser();
    browser.acceptLanguage("de-DE,de;q=0.9,en;q=0.5");
    return browser;
  }

  @Test
  void theNotFoundPage_isGermanForGerman_andEnglishWithoutALanguage() {
    Response german = german().get("/no-such-page");
    Response english = panel.browser().get("/no-such-page");

    assertThat(german.status()).isEqualTo(404).isEqualTo(english.status());
    assertThat(german.text())
        .contains("Seite nicht gefunden", "Unter dieser Adresse gibt es nichts.")
        .doesNotContain("Page not found");
    assertThat(english.text()).contains("Page not found", "There is nothing at this address.");
  }

  @Test
  void aFailedSignIn_andAFieldError_areGerman() {
    Response wrong = signIn(german(), TestPanel.OPERATOR, "not-the-password-at-all");
    Response tooLong = signIn(german(), "a".repeat(255), "whatever-it-is");

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.text()).contains("Benutzername oder Passwort stimmen nicht.");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.text()).contains("Das ist zu lang: höchstens 254 Zeichen.");
    assertThat(signIn(panel.browser(), TestPanel.OPERATOR, "not-the-password-at-all").text())
        .contains("The username or password is not right.");
  }

  @Test
  void aThrottledSignIn_saysItsSecondsInGerman() {
    Browser browser = german();
    Response answer = null;
    for (int attempt = 0; attempt < 10 && (answer == null || answer.status() != 429); attempt++) {
      answer = signIn(browser, TestPanel.OPERATOR, "wrong-password-" + attempt);
    }

    assertThat(answer.status()).isEqualTo(429);
    assertThat(answer.header("Retry-After")).hasValue("30");
    assertThat(answer.text())
        .contains("Zu viele Fehlversuche. Versuchen Sie es in 30 Sekunden erneut.");
  }

  @Test
  void aNoticeAfterARedirect_isGerman_andEnglishWithoutALanguage() {
    Browser german = panel.signedIn(TestPanel.OPERATOR);
    german.acceptLanguage("de");
    Browser english = panel.signedIn(TestPanel.OPERATOR);

    assertThat(german.follow(signOut(german, "/")).text())
        .contains("Ihre Sitzung wurde abgemeldet.");
    assertThat(english.follow(signOut(english, "/")).text())
        .contains("Your session was signed out.");
  }

  @Test
  void theDomainsProblems_areGermanNextToTheirFields() {
    Browser admin = panel.signedIn(TestPanel.ADMIN);
    admin.acceptLanguage("de");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("username", "Grace Hopper");
    fields.put("email", "not an e-mail");
    fields.put("displayName", "Grace");
    fields.put("role", "operator");
    fields.put("password", "short");

    Response invalid = submit(admin, "/admin/operators/new", "/admin/operators", fields);

    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.text())
        .contains(
            "Ein Benutzername darf nur Buchstaben, Ziffern, Punkte, Bindestriche und Unterstriche"
                + " enthalten.",
            "Eine E-Mail-Adresse sieht aus wie name@example.com, ohne Leerzeichen.",
            "Ein Passwort hat mindestens 12 Zeichen.");
  }

  @Test
  void aMalformedIdentityInTheAddress_isWordedInGerman() {
    Browser admin = panel.signedIn(TestPanel.ADMIN);
    admin.acceptLanguage("de");

    Response refused = admin.get("/admin/audit?operator=" + "x".repeat(300));

    assertThat(refused.text()).contains("Das ist zu lang: höchstens 254 Zeichen.");
  }
}
