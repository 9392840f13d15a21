package io.supportpro.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PromptMethod;
import io.supportpro.application.port.out.StepOutcome;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.session.SessionToken;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every plugin's prompt method must do, whatever its provider: a prompt at an absolute web
 * address for a subject, an approved answer passed once, and nothing else passed, thrown or
 * carrying a secret back.
 */
public abstract class PromptMethodContract {
  /** The panel's public address the contract signs in at. */
  protected static final URI PANEL = URI.create("https://panel.example.test");

  /** The plugin whose method is held to the contract. */
  protected abstract Plugin plugin();

  /** Complete settings, secrets in clear, as the core hands them to the method. */
  protected abstract PluginSettings settings();

  /** The operator who signs in. */
  protected abstract Operator operator();

  /**
   * The operator approves at the prompt: the query parameters the browser brings back, the state
   * among them under {@code state}.
   */
  protected abstract Map<String, String> approve(URI prompt);

  private PromptMethod method() {
    return (PromptMethod) plugin().secondFactor().orElseThrow();
  }

  private URI callback() {
    return URI.create(PANEL + method().callbackPath());
  }

  private StepOutcome.Prompt started(String state) {
    StepOutcome.Started started = method().start(settings(), operator(), state, callback());
    assertThat(started).isInstanceOf(StepOutcome.Prompt.class);
    return (StepOutcome.Prompt) started;
  }

  private StepOutcome.Checked complete(Map<String, String> browserBrought, String subject) {
    Map<String, String> answer = new HashMap<>(browserBrought);
    // The core reads the state itself and hands the method the rest.
    answer.remove("state");
    return method().complete(settings(), answer, subject, callback());
  }

  @Test
  void callbackPath_isAPlainPathOnThePanel() {
    assertThat(method().callbackPath()).matches("/[a-z0-9/_-]+");
  }

  @Test
  void start_givesAnAbsoluteWebAddressAndTheSubjectItAsksAbout() {
    StepOutcome.Prompt prompt = started(SessionToken.randomText());

    assertThat(prompt.location().isAbsolute()).isTrue();
    assertThat(prompt.location().getScheme()).isIn("https", "http");
    assertThat(prompt.subject()).isNotBlank();
  }

  @Test
  void start_withoutSettings_refusesRatherThanThrows() {
    StepOutcome.Started started =
        method().start(PluginSettings.EMPTY, operator(), SessionToken.randomText(), callback());

    assertThat(started).isNotInstanceOf(StepOutcome.Prompt.class);
    if (started instanceof StepOutcome.Unavailable unavailable) {
      assertThat(unavailable.failOpen()).as("no settings never lets anyone in").isFalse();
    }
  }

  @Test
  void complete_anApprovedAnswer_passesOnce() {
    String state = SessionToken.randomText();
    StepOutcome.Prompt prompt = started(state);
    Map<String, String> answer = approve(prompt.location());

    assertThat(answer).containsEntry("state", state);
    assertThat(complete(answer, prompt.subject())).isInstanceOf(StepOutcome.Passed.class);
    assertThat(complete(answer, prompt.subject())).isNotInstanceOf(StepOutcome.Passed.class);
  }

  @Test
  void complete_anAnswerForSomeoneElse_neverPasses() {
    StepOutcome.Prompt prompt = started(SessionToken.randomText());
    Map<String, String> answer = approve(prompt.location());

    assertThat(complete(answer, "someone-else")).isNotInstanceOf(StepOutcome.Passed.class);
  }

  static Stream<Map<String, String>> junk() {
    return Stream.of(
        Map.of(),
        Map.of("code", ""),
        Map.of("code", "x".repeat(100_000)),
        Map.of("code", "\u0000\r\n<script>"),
        Map.of("vendor_code", "%00", "code", "../../"),
        Map.of("error", "access_denied"),
        Map.of("error", "", "error_description", "y".repeat(10_000)));
  }

  @ParameterizedTest
  @MethodSource("junk")
  void complete_junk_neverPassesNorThrows(Map<String, String> junk) {
    StepOutcome.Prompt prompt = started(SessionToken.randomText());

    assertThatCode(() -> complete(junk, prompt.subject())).doesNotThrowAnyException();
    assertThat(complete(junk, prompt.subject())).isNotInstanceOf(StepOutcome.Passed.class);
  }

  @Test
  void noOutcome_carriesASecretOfTheSettings() {
    StepOutcome.Prompt prompt = started(SessionToken.randomText());
    List<Object> outcomes =
        List.of(
            prompt,
            complete(Map.of("code", "wrong"), prompt.subject()),
            complete(Map.of("error", "access_denied"), prompt.subject()),
            method()
                .start(PluginSettings.EMPTY, operator(), SessionToken.randomText(), callback()));

    for (SettingValue value : settings().values().values()) {
      if (value.secret()) {
        for (Object outcome : outcomes) {
          assertThat(outcome.toString()).doesNotContain(value.value());
        }
      }
    }
  }
}
