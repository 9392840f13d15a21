package io.supportpro.domain.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.domain.plugin.SettingDefinition.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginDescriptorTest {
  private static final PluginId PROMPT = new PluginId("sso-prompt");
  private static final SettingDefinition CLIENT_ID =
      new SettingDefinition("client_id", "Client ID", "Help.", Kind.TEXT, "", List.of());
  private static final SettingDefinition CLIENT_SECRET =
      new SettingDefinition("client_secret", "Client secret", "Help.", Kind.SECRET, "", List.of());

  private static PluginDescriptor descriptor(List<SettingDefinition> settings) {
    return new PluginDescriptor(
        PROMPT, "Single sign-on prompt", "A prompt elsewhere.", "1.0.0", "Acme", settings);
  }

  @Test
  void new_keepsTheSettingsInOrder() {
    assertThat(descriptor(List.of(CLIENT_ID, CLIENT_SECRET)).settings())
        .containsExactly(CLIENT_ID, CLIENT_SECRET);
  }

  @Test
  void new_acceptsAPluginWithoutSettings() {
    assertThat(descriptor(List.of()).settings()).isEmpty();
  }

  @Test
  void new_refusesTwoSettingsWithTheSameKey() {
    var sameKey =
        new SettingDefinition(
            "client_id", "Other label", "Other help.", Kind.NUMBER, "", List.of());

    assertThatIllegalArgumentException()
        .isThrownBy(() -> descriptor(List.of(CLIENT_ID, CLIENT_SECRET, sameKey)))
        .withMessage("Each setting of a plugin has its own key.");
  }

  @Test
  void new_refusesTheSameSettingTwice() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> descriptor(List.of(CLIENT_ID, CLIENT_ID)));
  }

  @Test
  void setting_findsTheDefinitionByKey() {
    PluginDescriptor plugin = descriptor(List.of(CLIENT_ID, CLIENT_SECRET));

    assertThat(plugin.setting("client_secret")).contains(CLIENT_SECRET);
    assertThat(plugin.setting("CLIENT_SECRET")).isEmpty();
    assertThat(plugin.setting("unknown")).isEmpty();
  }

  @Test
  void settings_areACopyThatCannotBeChanged() {
    List<SettingDefinition> settings = new ArrayList<>(List.of(CLIENT_ID));
    PluginDescriptor plugin = descriptor(settings);

    settings.add(CLIENT_SECRET);

    assertThat(plugin.settings()).containsExactly(CLIENT_ID);
    assertThatThrownBy(() -> plugin.settings().add(CLIENT_SECRET))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void new_refusesMissingParts() {
    assertThatNullPointerException()
        .isThrownBy(() -> new PluginDescriptor(null, "n", "d", "v", "a", List.of()));
    assertThatNullPointerException()
        .isThrownBy(() -> new PluginDescriptor(PROMPT, null, "d", "v", "a", List.of()));
    assertThatNullPointerException()
        .isThrownBy(() -> new PluginDescriptor(PROMPT, "n", null, "v", "a", List.of()));
    assertThatNullPointerException()
        .isThrownBy(() -> new PluginDescriptor(PROMPT, "n", "d", null, "a", List.of()));
    assertThatNullPointerException()
        .isThrownBy(() -> new PluginDescriptor(PROMPT, "n", "d", "v", null, List.of()));
    assertThatNullPointerException()
        .isThrownBy(() -> new PluginDescriptor(PROMPT, "n", "d", "v", "a", null));
  }
}
