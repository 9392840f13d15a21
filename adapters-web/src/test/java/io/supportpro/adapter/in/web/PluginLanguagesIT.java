package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PluginSteps.installAndActivate;
import static io.supportpro.adapter.in.web.testing.PluginSteps.settingsPage;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.PromptPlugin;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.adapter.in.web.testing.TestPlugins;
import io.supportpro.application.testing.PluginBundles;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A plugin that ships its own bundle is shown in the page's language, and one that ships none as it
 * wrote its texts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginLanguagesIT {
  private static final String GERMAN = "de-DE,de;q=0.9,en;q=0.5";
  private static final String WEBHOOKS = TestPlugins.WEBHOOKS.value();

  private TestPanel panel;
  private Browser admin;

  @BeforeAll
  void start() {
    panel = TestPanel.start();
    admin = panel.browser();
    signIn(admin, TestPanel.ADMIN, TestPanel.PASSWORD);
    installAndActivate(admin, WEBHOOKS);
  }

  @AfterAll
  void stop() {
    panel.close();
  }

  private Response get(String path, String language) {
    return admin.send(admin.request(path).header("Accept-Language", language).GET());
  }

  @Test
  void theWebhooksBundle_isComplete() {
    PluginBundles.assertComplete(
        new TestPlugins.Webhooks(),
        List.of(TestPlugins.Webhooks.CHECK_URL, TestPlugins.Webhooks.PLAIN_HTTP));
  }

  @Test
  void aGermanRequest_showsThePluginsGermanLabels_hintsAndChoices() {
    Response page = get(settingsPage(WEBHOOKS), GERMAN);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text())
        .contains("Adresse", "Wohin Ereignisse gesendet werden")
        .contains("Signaturschlüssel", "Formularfelder", "Ein JSON-Objekt je Ereignis.")
        .contains("Wiederholungen")
        .doesNotContain("Signing key", "Form fields", "webhooks.");
  }

  @Test
  void anEnglishRequest_showsTheEnglishOnes_asBefore() {
    for (Response page :
        List.of(admin.get(settingsPage(WEBHOOKS)), get(settingsPage(WEBHOOKS), "en"))) {
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.text())
          .contains("Address", "Where events are posted, such as https://hooks.example.com/x.")
          .contains("Signing key", "Form fields", "One JSON object per event.", "Retries")
          .doesNotContain("Signaturschlüssel", "webhooks.");
    }
  }

  @Test
  void thePluginsList_describesEachPluginInThePagesLanguage() {
    assertThat(get("/admin/plugins", GERMAN).text())
        .contains("Sendet Ticket-Ereignisse an eine Adresse Ihrer Wahl.");
    assertThat(get("/admin/plugins", "en").text())
        .contains("Posts ticket events to an address of your choice.");
  }

  @Test
  void aPluginsProblemWithWhatWasTyped_isShownInThePagesLanguage() {
    Response form = get(settingsPage(WEBHOOKS), GERMAN);
    String body =
        Stream.of(
                "csrf=" + encoded(Html.csrf(form.body())),
                "action=save",
                "setting-url=ftp%3A%2F%2Fx",
                "setting-signing_key=",
                "setting-format=json",
                "setting-retries=3")
            .collect(Collectors.joining("&"));

    Response refused =
        admin.send(
            admin
                .request(settingsPage(WEBHOOKS))
                .header("Accept-Language", GERMAN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.text()).contains("Geben Sie eine Adresse ein, die mit https:// beginnt.");
  }

  @Test
  void aPluginWithoutABundle_isShownAsItWroteItsTexts_inEveryLanguage() {
    assertThat(get("/admin/plugins", GERMAN).text()).contains(PromptPlugin.NAME);
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
