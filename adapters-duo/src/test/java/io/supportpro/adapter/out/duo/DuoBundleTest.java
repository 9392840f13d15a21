package io.supportpro.adapter.out.duo;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.testing.PluginBundles;
import io.supportpro.domain.plugin.PluginWords;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DuoBundleTest {
  private final DuoSecurityPlugin plugin = new DuoSecurityPlugin();

  @Test
  void everyTextThePluginShowsIsInItsBundle_inEnglishAndGerman() {
    PluginBundles.assertComplete(plugin, messages());
  }

  @Test
  void germanKeepsDuosOwnEnglishMenuNamesInQuotes() {
    PluginWords german = plugin.words(Locale.GERMAN);

    assertThat(german.text("duo-security.setup.applications"))
        .isEqualTo("Öffnen Sie „Applications“ und dann „Protect an Application“.");
    assertThat(german.text("duo-security.setup.web-sdk")).contains("„Web SDK“", "„Protect“");
    assertThat(german.text(DuoPromptMethod.DENIED)).startsWith("Duo hat diese Anmeldung abgelehnt");
  }

  /** Every message the plugin returns: each problem its checks find, each test and step result. */
  private static Set<String> messages() {
    Set<String> messages = new TreeSet<>();
    Map<String, String> wrong = new HashMap<>();
    wrong.put(DuoSettings.CLIENT_ID, "x");
    wrong.put(DuoSettings.CLIENT_SECRET, "x");
    wrong.put(DuoSettings.API_HOSTNAME, "https://x");
    wrong.put(DuoSettings.FAIL_MODE, "x");
    wrong.put(DuoSettings.USERNAME_SOURCE, "x");
    wrong.put(DuoSettings.PROXY_HOST, "-");
    wrong.put(DuoSettings.CERTIFICATE_PINS, "x");
    messages.addAll(DuoSettings.check(wrong, false).problems().values());
    messages.addAll(
        DuoSettings.check(Map.of(DuoSettings.PROXY_PORT, "1"), false).problems().values());
    messages.addAll(
        DuoSettings.check(
                Map.of(DuoSettings.API_HOSTNAME, "duo.test", DuoSettings.PROXY_HOST, "p.test"),
                false,
                DuoHosts.DUO_ONLY)
            .problems()
            .values());
    messages.addAll(
        List.of(
            DuoConnectionTest.ACCEPTED,
            DuoConnectionTest.REFUSED,
            DuoConnectionTest.FAILED,
            DuoPromptMethod.UNAVAILABLE,
            DuoPromptMethod.RATE_LIMITED,
            DuoPromptMethod.CREDENTIALS_REJECTED,
            DuoPromptMethod.DUO_REFUSED,
            DuoPromptMethod.NOT_CONFIGURED,
            DuoPromptMethod.DUO_ERROR,
            DuoPromptMethod.NOT_VERIFIED,
            DuoPromptMethod.DENIED,
            DuoPromptMethod.UNAVAILABLE_AT_CALLBACK,
            DuoPromptMethod.CREDENTIALS_REJECTED_AT_CALLBACK,
            DuoPromptMethod.SETTINGS_CHANGED));
    assertThat(messages).hasSize(25);
    return messages;
  }
}
