package io.supportpro.domain.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginSettingsTest {
  private static final String CLIENT_SECRET = "s3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr3tABCD";
  private static final String API_KEY = "another-hidden-value";

  private static final PluginSettings SETTINGS =
      new PluginSettings(
          Map.of(
              "client_id", new SettingValue("DIXXXXXXXXXXXXXXXXXX", false),
              "client_secret", new SettingValue(CLIENT_SECRET, true),
              "api_key", new SettingValue(API_KEY, true),
              "fail_mode", new SettingValue("closed", false)));

  @Test
  void redacted_showsPlainValuesAndMarksSecretOnes() {
    assertThat(SETTINGS.redacted())
        .containsExactly(
            Map.entry("api_key", "[secret]"),
            Map.entry("client_id", "DIXXXXXXXXXXXXXXXXXX"),
            Map.entry("client_secret", "[secret]"),
            Map.entry("fail_mode", "closed"));
  }

  @Test
  void withSecrets_turnsOnlyTheSecretValues_andKeepsThemMarkedSecret() {
    PluginSettings turned = SETTINGS.withSecrets(value -> "turned:" + value);

    assertThat(turned.get("client_secret"))
        .contains(new SettingValue("turned:" + CLIENT_SECRET, true));
    assertThat(turned.get("client_id")).isEqualTo(SETTINGS.get("client_id"));
    assertThat(turned.toString()).doesNotContain("turned:");
  }

  @Test
  void redacted_neverHoldsASecretValue() {
    assertThat(SETTINGS.redacted().values()).doesNotContain(CLIENT_SECRET, API_KEY);
  }

  @Test
  void toString_neverShowsASecretValue() {
    assertThat(SETTINGS.toString())
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain(API_KEY)
        .contains("client_id=DIXXXXXXXXXXXXXXXXXX")
        .contains("client_secret=[secret]");
  }

  @Test
  void toString_ofTheValuesAndTheirContainersNeverShowsASecret() {
    assertThat(SETTINGS.values().toString()).doesNotContain(CLIENT_SECRET).doesNotContain(API_KEY);
    assertThat(SETTINGS.get("client_secret").toString()).doesNotContain(CLIENT_SECRET);
    assertThat(List.of(SETTINGS).toString()).doesNotContain(CLIENT_SECRET);
  }

  @Test
  void settingValue_toStringShowsOnlyPlainValues() {
    assertThat(new SettingValue(CLIENT_SECRET, true)).hasToString("SettingValue[secret]");
    assertThat(new SettingValue("closed", false)).hasToString("SettingValue[closed]");
  }

  @Test
  void get_returnsTheSavedValueWithItsSecretMark() {
    assertThat(SETTINGS.get("client_secret")).contains(new SettingValue(CLIENT_SECRET, true));
    assertThat(SETTINGS.get("unknown")).isEmpty();
  }

  @Test
  void empty_hasNothing() {
    assertThat(PluginSettings.EMPTY.values()).isEmpty();
    assertThat(PluginSettings.EMPTY.redacted()).isEmpty();
    assertThat(PluginSettings.EMPTY).hasToString("PluginSettings{}");
  }

  @Test
  void values_areACopyThatCannotBeChanged() {
    Map<String, SettingValue> values = new HashMap<>();
    values.put("fail_mode", new SettingValue("closed", false));
    PluginSettings settings = new PluginSettings(values);

    values.put("fail_mode", new SettingValue("open", false));

    assertThat(settings.get("fail_mode")).contains(new SettingValue("closed", false));
    assertThatThrownBy(() -> settings.values().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void redacted_cannotBeUsedToChangeTheSettings() {
    try {
      SETTINGS.redacted().put("client_secret", CLIENT_SECRET);
    } catch (UnsupportedOperationException unmodifiable) {
      // Equally fine: the view cannot be changed at all.
    }

    assertThat(SETTINGS.redacted()).containsEntry("client_secret", "[secret]");
  }
}
