package io.supportpro.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.domain.Problem;
import io.supportpro.domain.audit.AuditEventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every key the Java code asks the bundles for has a text in every language the panel speaks. */
class TextKeysTest {
  private static final Path SOURCES = Path.of("src/main/java/io/supportpro/adapter/in/web");

  // A string written in the code that has the shape of a key of this bundle: dot-separated
  // lower-case words, the first one a group of texts.properties.
  private static final Pattern KEY_IN_CODE =
      Pattern.compile(
          "\"((?:notice|error|field|throttle|sign-in|prompt|forgot|sessions|role|time-zone"
              + "|settings|operators|throttles|audit|plugins|plugin-settings|plugin-operators"
              + "|fallback|problem)(?:\\.[a-z0-9-]+)+)\"");

  static Stream<Texts> languages() {
    return Texts.LANGUAGES.stream().map(Texts::in);
  }

  @ParameterizedTest
  @EnumSource(Notice.class)
  void everyNotice_hasItsSentence(Notice notice) {
    assertHasText(notice.textKey());
  }

  @ParameterizedTest
  @EnumSource(AuditEventType.class)
  void everyAuditEventType_hasItsLabel(AuditEventType type) {
    assertHasText(EventLabels.key(type));
  }

  @ParameterizedTest
  @EnumSource(Problem.Code.class)
  void everyProblemCode_hasItsWording(Problem.Code code) {
    assertHasText(ProblemTexts.key(code));
  }

  @Test
  void everyKeyWrittenInTheCode_hasItsText() throws IOException {
    List<String> keys = new ArrayList<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher key = KEY_IN_CODE.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (key.find()) {
          keys.add(key.group(1));
        }
      }
    }
    // Keys the code puts together from parts, which the scan above cannot see.
    for (String change : List.of("enable", "disable")) {
      keys.add("plugin-operators.confirm-all." + change + ".heading");
      keys.add("plugin-operators.confirm-all." + change + ".button");
    }

    assertThat(keys).hasSizeGreaterThan(100);
    keys.forEach(TextKeysTest::assertHasText);
  }

  @Test
  void aProblem_isWordedWithItsNumbers_inEachLanguage() {
    Problem tooShort = Problem.of(Problem.Code.PASSWORD_TOO_SHORT, "English", 12);

    assertThat(ProblemTexts.in(Texts.in(Locale.ENGLISH), tooShort))
        .isEqualTo("A password has at least 12 characters.");
    assertThat(ProblemTexts.in(Texts.in(Locale.GERMAN), tooShort))
        .isEqualTo("Ein Passwort hat mindestens 12 Zeichen.");
  }

  @Test
  void theWait_isWordedForOneSecondAndForMany() {
    Texts english = Texts.in(Locale.ENGLISH);

    assertThat(english.get("throttle.retry-after", 1L))
        .isEqualTo("Too many failed attempts. Try again in 1 second.");
    assertThat(english.get("throttle.retry-after", 1200L))
        .isEqualTo("Too many failed attempts. Try again in 1200 seconds.");
  }

  private static void assertHasText(String key) {
    languages()
        .forEach(
            texts -> assertThat(texts.find(key)).as("%s in %s", key, texts.locale()).isPresent());
  }
}
