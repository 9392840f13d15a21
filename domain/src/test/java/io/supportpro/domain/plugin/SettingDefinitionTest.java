package io.supportpro.domain.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.domain.plugin.SettingDefinition.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingDefinitionTest {
  private static SettingDefinition text(String key) {
    return new SettingDefinition(key, "Label", "Help.", Kind.TEXT, "", List.of());
  }

  private static SettingDefinition choice(String defaultValue, List<String> choices) {
    return new SettingDefinition(
        "fail_mode", "Fail mode", "Help.", Kind.CHOICE, defaultValue, choices);
  }

  @Test
  void new_acceptsATextSetting() {
    var definition =
        new SettingDefinition(
            "api_hostname", "API hostname", "Help.", Kind.TEXT, "api.example", List.of());

    assertThat(definition.key()).isEqualTo("api_hostname");
    assertThat(definition.defaultValue()).isEqualTo("api.example");
    assertThat(definition.secret()).isFalse();
  }

  @Test
  void new_acceptsAChoiceWhoseDefaultIsOneOfItsChoices() {
    assertThat(choice("closed", List.of("closed", "open")).choices())
        .containsExactly("closed", "open");
  }

  @Test
  void new_acceptsASecretWithoutADefault() {
    var secret =
        new SettingDefinition("client_secret", "Secret", "Help.", Kind.SECRET, "", List.of());

    assertThat(secret.secret()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = "SECRET", mode = EnumSource.Mode.EXCLUDE)
  void secret_isTrueOnlyForTheSecretKind(Kind kind) {
    List<String> choices = kind == Kind.CHOICE ? List.of("a") : List.of();
    String defaultValue = kind == Kind.CHOICE ? "a" : "";

    assertThat(new SettingDefinition("key", "L", "H", kind, defaultValue, choices).secret())
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "client_id", "x9", "a_b_c"})
  void new_acceptsKeysOfLowerCaseLettersDigitsAndUnderscores(String key) {
    assertThat(text(key).key()).isEqualTo(key);
  }

  @Test
  void new_acceptsAKeyOfSixtyFourCharacters() {
    assertThat(text("k".repeat(64)).key()).hasSize(64);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "Client_id", "1key", "_key", "client-id", "client id", "client.id", "clé"})
  void new_refusesOtherKeys(String key) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> text(key))
        .withMessage("A setting key has lower-case letters, digits and _.");
  }

  @Test
  void new_refusesAKeyOfSixtyFiveCharacters() {
    assertThatIllegalArgumentException().isThrownBy(() -> text("k".repeat(65)));
  }

  @Test
  void new_refusesAChoiceWithoutChoices() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> choice("", List.of()))
        .withMessage("Only a choice setting has choices, and it needs some.");
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = "CHOICE", mode = EnumSource.Mode.EXCLUDE)
  void new_refusesChoicesOnAnyOtherKind(Kind kind) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SettingDefinition("key", "L", "H", kind, "", List.of("a", "b")))
        .withMessage("Only a choice setting has choices, and it needs some.");
  }

  @Test
  void new_refusesAChoiceWhoseDefaultIsNotAChoice() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> choice("ajar", List.of("closed", "open")))
        .withMessage("The default of a choice setting is one of its choices.");
    assertThatIllegalArgumentException().isThrownBy(() -> choice("", List.of("closed", "open")));
  }

  @Test
  void new_refusesASecretWithADefault() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new SettingDefinition(
                    "client_secret", "Secret", "Help.", Kind.SECRET, "hunter2", List.of()))
        .withMessage("A secret setting has no default.");
  }

  @Test
  void choices_areACopyThatCannotBeChanged() {
    List<String> choices = new ArrayList<>(List.of("closed", "open"));
    SettingDefinition definition = choice("closed", choices);

    choices.add("ajar");

    assertThat(definition.choices()).containsExactly("closed", "open");
    assertThatThrownBy(() -> definition.choices().add("ajar"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void new_refusesMissingParts() {
    assertThatNullPointerException()
        .isThrownBy(() -> new SettingDefinition(null, "L", "H", Kind.TEXT, "", List.of()));
    assertThatNullPointerException()
        .isThrownBy(() -> new SettingDefinition("key", null, "H", Kind.TEXT, "", List.of()));
    assertThatNullPointerException()
        .isThrownBy(() -> new SettingDefinition("key", "L", null, Kind.TEXT, "", List.of()));
    assertThatNullPointerException()
        .isThrownBy(() -> new SettingDefinition("key", "L", "H", null, "", List.of()));
    assertThatNullPointerException()
        .isThrownBy(() -> new SettingDefinition("key", "L", "H", Kind.TEXT, null, List.of()));
    assertThatNullPointerException()
        .isThrownBy(() -> new SettingDefinition("key", "L", "H", Kind.TEXT, "", null));
  }

  @Test
  void confirming_asksForAChoiceWithItsConsequenceOnly() {
    var failMode =
        choice("closed", List.of("closed", "open")).confirming("open", "Password only when down.");

    assertThat(failMode.consequenceOf("open")).contains("Password only when down.");
    assertThat(failMode.consequenceOf("closed")).isEmpty();
    assertThat(choice("closed", List.of("closed", "open")).consequenceOf("open")).isEmpty();
  }

  @Test
  void confirming_refusesWhatIsNotAChoiceOrHasNoConsequence() {
    var failMode = choice("closed", List.of("closed", "open"));

    assertThatIllegalArgumentException().isThrownBy(() -> failMode.confirming("ajar", "Why."));
    assertThatIllegalArgumentException().isThrownBy(() -> failMode.confirming("open", " "));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                failMode.confirming(
                    "open", "x".repeat(SettingDefinition.MAX_CONSEQUENCE_LENGTH + 1)));
    assertThatIllegalArgumentException().isThrownBy(() -> text("client_id").confirming("", "Why."));
  }

  @Test
  void aSetting_isOptionalNotAdvancedAndUndescribed_untilThePluginSaysOtherwise() {
    var plain = choice("closed", List.of("closed", "open"));

    assertThat(plain.required()).isFalse();
    assertThat(plain.advanced()).isFalse();
    assertThat(plain.descriptions()).isEmpty();
    assertThat(plain.describedChoices()).isFalse();
  }

  @Test
  void theMarks_addUpAndKeepEverythingElse() {
    var marked =
        choice("closed", List.of("closed", "open"))
            .describing("closed", "Fail closed", "Nobody signs in.")
            .confirming("open", "Passwords alone sign in.")
            .asRequired()
            .describing("open", "Fail open", "Passwords alone sign in.")
            .asAdvanced();

    assertThat(marked.required()).isTrue();
    assertThat(marked.advanced()).isTrue();
    assertThat(marked.describedChoices()).isTrue();
    assertThat(marked.descriptions().get("closed"))
        .isEqualTo(new SettingDefinition.ChoiceDescription("Fail closed", "Nobody signs in."));
    assertThat(marked.consequenceOf("open")).hasValue("Passwords alone sign in.");
    assertThat(marked.choices()).containsExactly("closed", "open");
  }

  @Test
  void describedChoices_needsEveryChoiceDescribed() {
    assertThat(
            choice("closed", List.of("closed", "open"))
                .describing("closed", "Fail closed", "Nobody signs in.")
                .describedChoices())
        .isFalse();
  }

  @Test
  void describing_refusesAValueThatIsNotAChoice_andNamesThatAreEmptyOrTooLong() {
    var setting = choice("closed", List.of("closed", "open"));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> setting.describing("ajar", "Ajar", "Half open."))
        .withMessage("Only a setting's choices are described.");
    assertThatIllegalArgumentException().isThrownBy(() -> setting.describing("open", " ", "Open."));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                setting.describing(
                    "open", "x".repeat(SettingDefinition.MAX_CHOICE_LABEL_LENGTH + 1), "Open."));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                setting.describing(
                    "open", "Open", "x".repeat(SettingDefinition.MAX_CONSEQUENCE_LENGTH + 1)));
    assertThat(setting.describing("open", "Open", "").descriptions().get("open").description())
        .isEmpty();
  }
}
