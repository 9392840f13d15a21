package io.supportpro.domain.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class PluginWordsTest {
  private static final ResourceBundle GERMAN =
      new ListResourceBundle() {
        @Override
        protected Object[][] getContents() {
          return new Object[][] {
            {"p.name", "Beispiel"},
            {"p.mode.label", "Modus"},
            {"p.mode.help", "Was geschieht."},
            {"p.mode.on.label", "Ein"},
            {"p.mode.on.description", "Eingeschaltet."},
            {"p.mode.on.consequence", "Alles ändert sich."},
            {"p.step", "Schritt eins."},
            {"p.problem", "Falsch."}
          };
        }
      };

  private static final PluginDescriptor DESCRIPTOR =
      new PluginDescriptor(
          new PluginId("p"),
          "p.name",
          "Written in place.",
          "1.0.0",
          "SupportPro",
          List.of(
              new SettingDefinition(
                      "mode",
                      "p.mode.label",
                      "p.mode.help",
                      SettingDefinition.Kind.CHOICE,
                      "off",
                      List.of("off", "on"))
                  .describing("on", "p.mode.on.label", "p.mode.on.description")
                  .confirming("on", "p.mode.on.consequence")
                  .asRequired()),
          List.of("p.step"));

  @Test
  void descriptor_readsEveryKeyFromTheBundle_andKeepsTextsThatAreNoKeysAsWritten() {
    PluginDescriptor german = PluginWords.of(GERMAN).descriptor(DESCRIPTOR);

    assertThat(german.name()).isEqualTo("Beispiel");
    assertThat(german.description()).isEqualTo("Written in place.");
    assertThat(german.setupSteps()).containsExactly("Schritt eins.");
    SettingDefinition mode = german.setting("mode").orElseThrow();
    assertThat(mode.label()).isEqualTo("Modus");
    assertThat(mode.help()).isEqualTo("Was geschieht.");
    assertThat(mode.descriptions().get("on"))
        .isEqualTo(new SettingDefinition.ChoiceDescription("Ein", "Eingeschaltet."));
    assertThat(mode.consequenceOf("on")).contains("Alles ändert sich.");
    assertThat(mode.choices()).containsExactly("off", "on");
    assertThat(mode.defaultValue()).isEqualTo("off");
    assertThat(mode.required()).isTrue();
  }

  @Test
  void asWritten_keepsTheDescriptorAsItIs() {
    assertThat(PluginWords.AS_WRITTEN.descriptor(DESCRIPTOR)).isEqualTo(DESCRIPTOR);
  }

  @Test
  void check_readsProblemsAndWarningsThatAreKeys_andKeepsThePanelsOwn() {
    SettingsCheck check =
        new SettingsCheck(
            Map.of("mode", "p.problem", "other", "Enter a whole number."),
            Map.of("mode", "p.problem"));

    SettingsCheck german = PluginWords.of(GERMAN).check(check);

    assertThat(german.problems())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("mode", "Falsch.", "other", "Enter a whole number."));
    assertThat(german.warnings()).containsExactlyEntriesOf(Map.of("mode", "Falsch."));
  }

  @Test
  void orElse_asksTheNextWordsForATextTheFirstHasNoKeyFor() {
    PluginWords first = text -> text.equals("a") ? "A" : text;
    PluginWords both = first.orElse(PluginWords.of(GERMAN));

    assertThat(both.text("a")).isEqualTo("A");
    assertThat(both.text("p.problem")).isEqualTo("Falsch.");
    assertThat(both.text("Neither.")).isEqualTo("Neither.");
  }
}
