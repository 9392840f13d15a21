package io.supportpro.domain.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.domain.plugin.SettingDefinition.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsCheckTest {
  private static final PluginDescriptor DESCRIPTOR =
      new PluginDescriptor(
          new PluginId("relay"),
          "Relay",
          "Relays things.",
          "1.0.0",
          "Acme",
          List.of(
              new SettingDefinition("name", "Name", "Help.", Kind.TEXT, "", List.of()),
              new SettingDefinition("token", "Token", "Help.", Kind.SECRET, "", List.of()),
              new SettingDefinition(
                  "mode", "Mode", "Help.", Kind.CHOICE, "fast", List.of("fast", "safe")),
              new SettingDefinition("port", "Port", "Help.", Kind.NUMBER, "", List.of())));

  private static Map<String, String> values(String key, String value) {
    Map<String, String> values = new HashMap<>();
    values.put("name", "relay one");
    values.put("token", "t0ken");
    values.put("mode", "fast");
    values.put("port", "8080");
    values.put(key, value);
    return values;
  }

  private static SettingsCheck basic(String key, String value) {
    return SettingsCheck.basic(DESCRIPTOR, values(key, value));
  }

  // --- basic

  @Test
  void basic_acceptsValuesThatFitTheirDefinitions() {
    SettingsCheck check = basic("name", "relay one");

    assertThat(check.acceptable()).isTrue();
    assertThat(check.problems()).isEmpty();
    assertThat(check.warnings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"slow", "", "FAST", " fast", "fast,safe"})
  void basic_refusesAChoiceThatIsNotOneOfItsChoices(String mode) {
    SettingsCheck check = basic("mode", mode);

    assertThat(check.problems()).containsOnlyKeys("mode");
    assertThat(check.problems().get("mode")).contains("fast, safe");
  }

  @Test
  void basic_refusesAMissingChoice() {
    Map<String, String> values = values("name", "x");
    values.remove("mode");

    assertThat(SettingsCheck.basic(DESCRIPTOR, values).problems()).containsOnlyKeys("mode");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-1", "1.5", "1e3", "+80", "1234567890", "\uFF18\uFF10", "8 0"})
  void basic_refusesANumberThatIsNotAWholeNumber(String port) {
    assertThat(basic("port", port).problems()).containsOnlyKeys("port");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "8080", "123456789"})
  void basic_acceptsAWholeNumberOrNothing(String port) {
    assertThat(basic("port", port).acceptable()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"relay\u0000one", "relay\u001bone", "relay\u007fone", "relay\tone", "\u0085"})
  void basic_refusesControlCharactersInPlainValues(String name) {
    assertThat(basic("name", name).problems()).containsOnlyKeys("name");
  }

  @Test
  void basic_refusesControlCharactersInAChoiceAndANumberToo() {
    assertThat(basic("mode", "fast\u0000").problems()).containsOnlyKeys("mode");
    assertThat(basic("port", "80\u0000").problems()).containsOnlyKeys("port");
  }

  @Test
  void basic_allowsLineBreaksInPlainValues() {
    assertThat(basic("name", "first line\r\nsecond line\n").acceptable()).isTrue();
  }

  @Test
  void basic_leavesTheCharactersOfASecretAlone() {
    assertThat(basic("token", "t0k\u0000en\u001b").acceptable()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"name", "token"})
  void basic_refusesAValueLongerThanTheLimit(String key) {
    String tooLong = "x".repeat(SettingValue.MAX_LENGTH + 1);

    assertThat(basic(key, tooLong).problems()).containsOnlyKeys(key);
    assertThat(basic(key, tooLong).problems().get(key)).contains("too long");
  }

  @Test
  void basic_acceptsAValueOfExactlyTheLimit() {
    assertThat(basic("name", "x".repeat(SettingValue.MAX_LENGTH)).acceptable()).isTrue();
  }

  @Test
  void basic_takesAMissingPlainValueAsEmpty() {
    Map<String, String> values = values("name", "x");
    values.remove("name");
    values.remove("token");
    values.remove("port");

    assertThat(SettingsCheck.basic(DESCRIPTOR, values).acceptable()).isTrue();
  }

  @Test
  void basic_ignoresValuesThePluginDoesNotDeclare() {
    Map<String, String> values = values("name", "x");
    values.put("extra", "\u0000" + "y".repeat(SettingValue.MAX_LENGTH + 1));

    assertThat(SettingsCheck.basic(DESCRIPTOR, values).acceptable()).isTrue();
  }

  @Test
  void basic_reportsEveryWrongSettingAtOnce() {
    Map<String, String> values = values("name", "a\u0000b");
    values.put("mode", "slow");
    values.put("port", "eighty");

    assertThat(SettingsCheck.basic(DESCRIPTOR, values).problems())
        .containsOnlyKeys("name", "mode", "port");
  }

  // --- and

  @Test
  void and_keepsTheProblemsAndWarningsOfBoth() {
    SettingsCheck first = new SettingsCheck(Map.of("a", "A is wrong."), Map.of("w", "Mind w."));
    SettingsCheck second = new SettingsCheck(Map.of("b", "B is wrong."), Map.of("v", "Mind v."));

    SettingsCheck both = first.and(second);

    assertThat(both.problems()).containsOnlyKeys("a", "b");
    assertThat(both.warnings()).containsOnlyKeys("w", "v");
    assertThat(both.acceptable()).isFalse();
  }

  @Test
  void and_isAcceptableOnlyWhenNeitherHasProblems() {
    SettingsCheck warned = new SettingsCheck(Map.of(), Map.of("w", "Mind w."));
    SettingsCheck wrong = new SettingsCheck(Map.of("a", "A is wrong."), Map.of());

    assertThat(SettingsCheck.CLEAN.and(SettingsCheck.CLEAN).acceptable()).isTrue();
    assertThat(warned.and(SettingsCheck.CLEAN).acceptable()).isTrue();
    assertThat(SettingsCheck.CLEAN.and(wrong).acceptable()).isFalse();
    assertThat(wrong.and(SettingsCheck.CLEAN).acceptable()).isFalse();
  }

  @Test
  void and_keepsOneMessagePerSettingWhenBothFindFault() {
    SettingsCheck first = new SettingsCheck(Map.of("a", "First."), Map.of());
    SettingsCheck second = new SettingsCheck(Map.of("a", "Second."), Map.of());

    assertThat(first.and(second).problems()).hasSize(1).containsKey("a");
  }

  @Test
  void and_changesNeitherCheck() {
    SettingsCheck first = new SettingsCheck(Map.of("a", "A is wrong."), Map.of());
    SettingsCheck second = new SettingsCheck(Map.of(), Map.of("w", "Mind w."));

    first.and(second);

    assertThat(first.warnings()).isEmpty();
    assertThat(second.problems()).isEmpty();
  }

  @Test
  void aCheckKeepsItsOwnCopyOfTheFindings() {
    Map<String, String> problems = new HashMap<>(Map.of("a", "A is wrong."));
    SettingsCheck check = new SettingsCheck(problems, Map.of());

    problems.clear();

    assertThat(check.acceptable()).isFalse();
  }
}
