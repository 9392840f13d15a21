package io.supportpro.domain.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginIdTest {
  @ParameterizedTest
  @ValueSource(strings = {"sso-prompt", "a", "plugin2", "2fa", "a-b-c-d"})
  void new_acceptsLowerCaseDashSeparatedWords(String id) {
    assertThat(new PluginId(id).value()).isEqualTo(id);
  }

  @Test
  void new_acceptsSixtyFourCharacters() {
    String id = "a".repeat(30) + "-" + "b".repeat(33);

    assertThat(new PluginId(id).value()).hasSize(64);
  }

  @Test
  void new_refusesSixtyFiveCharacters() {
    assertThatIllegalArgumentException().isThrownBy(() -> new PluginId("a".repeat(65)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Sso",
        "SSO-PROMPT",
        "sso_prompt",
        "sso prompt",
        " sso",
        "sso\n",
        "-sso",
        "sso-",
        "sso--prompt",
        "sso.prompt",
        "../etc/passwd",
        "sso/prompt",
        "<script>",
        "sso'--",
        "dúo"
      })
  void new_refusesAnythingElse(String id) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PluginId(id))
        .withMessage(
            "A plugin id has up to 64 lower-case letters and digits in dash-separated words.");
  }

  @Test
  void new_refusesNull() {
    assertThatNullPointerException().isThrownBy(() -> new PluginId(null));
  }

  @Test
  void toString_isTheValue() {
    assertThat(new PluginId("sso-prompt")).hasToString("sso-prompt");
  }
}
