package io.supportpro.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditEventTest {
  private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");
  private static final Actor ACTOR = Actor.anonymous("alice", "192.0.2.1");
  private static final String ROCKET = "\uD83D\uDE80";

  private static AuditEvent withSubject(String subject) {
    return AuditEvent.of(AT, AuditEventType.SIGN_IN_FAILED, ACTOR, subject);
  }

  private static AuditEvent withDetail(String key, String value) {
    return new AuditEvent(AT, AuditEventType.SETTING_CHANGED, ACTOR, "s", Map.of(key, value));
  }

  /** True when no surrogate stands without its partner. */
  static boolean wellFormed(String text) {
    return text.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE);
  }

  @Test
  void new_keepsPrintableTextAsWritten() {
    var details = Map.of("note", "ünïcödé <b>&'\" " + ROCKET, "from", "INACTIVE");

    var event = new AuditEvent(AT, AuditEventType.PLUGIN_ACTIVATED, ACTOR, "sso-prompt", details);

    assertThat(event.at()).isEqualTo(AT);
    assertThat(event.type()).isEqualTo(AuditEventType.PLUGIN_ACTIVATED);
    assertThat(event.actor()).isEqualTo(ACTOR);
    assertThat(event.subject()).isEqualTo("sso-prompt");
    assertThat(event.details()).isEqualTo(details);
  }

  @Test
  void of_hasNoDetails() {
    assertThat(withSubject("x").details()).isEmpty();
  }

  @Test
  void new_replacesControlCharactersInTheSubject() {
    assertThat(withSubject("alice\r\nSIGN_IN_SUCCEEDED\u0000\t\u001B[31m").subject())
        .isEqualTo("alice??SIGN_IN_SUCCEEDED???[31m");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u007F", "\u0085", "\u009B", "\u2028", "\u2029", "\u202E", "\u200B"})
  void new_replacesControlSeparatorAndFormatCharacters(String control) {
    assertThat(withSubject("a" + control + "b").subject()).isEqualTo("a?b");
  }

  @Test
  void new_replacesControlCharactersInDetailKeysAndValues() {
    assertThat(withDetail("ke\ny", "va\u0000lue").details()).isEqualTo(Map.of("ke?y", "va?lue"));
  }

  @Test
  void new_keepsASubjectOfTwoHundredCharacters() {
    assertThat(withSubject("s".repeat(200)).subject()).hasSize(200);
  }

  @Test
  void new_clipsTheSubjectToTwoHundredCharacters() {
    assertThat(withSubject("s".repeat(10_000)).subject()).isEqualTo("s".repeat(200));
  }

  @Test
  void new_clipsDetailKeysToSixtyFourAndValuesToFiveHundredCharacters() {
    var event = withDetail("k".repeat(65), "v".repeat(501));

    assertThat(event.details()).isEqualTo(Map.of("k".repeat(64), "v".repeat(500)));
  }

  @Test
  void new_neverCutsACharacterInHalf() {
    String subject = withSubject("a" + ROCKET.repeat(300)).subject();

    assertThat(wellFormed(subject)).isTrue();
    assertThat(subject).isEqualTo("a" + ROCKET.repeat(99));
  }

  @Test
  void new_clipsAnyTextToWellFormedPrintablePrefixes() {
    String[] pieces = {"a", "é", "山", ROCKET, "\uD801\uDC28", "\n", "\u0000", "\u202E", " "};
    Random random = new Random(20260105L);
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(260);
      for (int i = 0; i < length; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }

      String subject = withSubject(text.toString()).subject();

      assertThat(subject.length()).as(text.toString()).isLessThanOrEqualTo(200);
      assertThat(wellFormed(subject)).as(text.toString()).isTrue();
      assertThat(subject).as(text.toString()).doesNotContain("\n", "\u0000", "\u202E");
      String expectedStart =
          text.toString().replace("\n", "?").replace("\u0000", "?").replace("\u202E", "?");
      assertThat(expectedStart).as(text.toString()).startsWith(subject);
    }
  }

  @Test
  void details_areACopyThatCannotBeChanged() {
    Map<String, String> details = new HashMap<>();
    details.put("from", "ACTIVE");
    var event = new AuditEvent(AT, AuditEventType.PLUGIN_DEACTIVATED, ACTOR, "sso", details);

    details.put("from", "INACTIVE");

    assertThat(event.details()).containsEntry("from", "ACTIVE");
    assertThatThrownBy(() -> event.details().put("to", "AVAILABLE"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void new_refusesMissingParts() {
    var type = AuditEventType.SIGNED_OUT;
    assertThatNullPointerException()
        .isThrownBy(() -> new AuditEvent(null, type, ACTOR, "s", Map.of()));
    assertThatNullPointerException()
        .isThrownBy(() -> new AuditEvent(AT, null, ACTOR, "s", Map.of()));
    assertThatNullPointerException()
        .isThrownBy(() -> new AuditEvent(AT, type, null, "s", Map.of()));
    assertThatNullPointerException()
        .isThrownBy(() -> new AuditEvent(AT, type, ACTOR, null, Map.of()));
    assertThatNullPointerException().isThrownBy(() -> new AuditEvent(AT, type, ACTOR, "s", null));
  }
}
