package io.supportpro.bootstrap.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.testing.PluginBundles;
import io.supportpro.domain.plugin.SettingsCheck;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example plugins speak English and German from their own bundles. */
class ExampleBundlesTest {
  @Test
  void theCodePluginsBundleHoldsEveryTextItShows() {
    ExampleCodePlugin plugin = new ExampleCodePlugin();
    List<String> messages =
        List.of(
            ExampleCodeMethod.FIELD.title(),
            ExampleCodeMethod.FIELD.instructions(),
            ExampleCodeMethod.FIELD.label(),
            ExampleCodeMethod.WRONG,
            ExampleCodeMethod.NOT_CONFIGURED,
            problem(plugin.check(Map.of(), Map.of())),
            problem(plugin.check(Map.of(ExampleCodePlugin.SECRET, "not base32"), Map.of())));

    PluginBundles.assertComplete(plugin, messages);
    assertThat(plugin.words(Locale.GERMAN).text(plugin.descriptor().name()))
        .isEqualTo("Beispielcode");
  }

  @Test
  void thePromptPluginsBundleHoldsEveryTextItShows() {
    ExamplePromptPlugin plugin = new ExamplePromptPlugin();
    var check = plugin.check(Map.of(), Map.of());

    PluginBundles.assertComplete(
        plugin,
        List.of(
            check.problems().get(ExamplePromptPlugin.PROMPT_ADDRESS),
            check.problems().get(ExamplePromptPlugin.SHARED_SECRET),
            ExamplePromptMethod.DENIED,
            ExamplePromptMethod.NOT_VERIFIED,
            ExamplePromptMethod.NOT_CONFIGURED));
    assertThat(plugin.words(Locale.GERMAN).text(ExamplePromptMethod.DENIED))
        .isEqualTo("Der Beispiel-Prompt hat diese Anmeldung abgelehnt.");
  }

  private static String problem(SettingsCheck check) {
    return check.problems().get(ExampleCodePlugin.SECRET);
  }
}
