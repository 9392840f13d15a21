package io.supportpro.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

class TextsTest {
  static final java.util.List<String> BUNDLES = Texts.BUNDLES;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "de-DE,de;q=0.9,en;q=0.8 | de",
        "en-GB,en;q=0.9 | en",
        "fr-FR,fr;q=0.9 | en",
        "fr-FR,de;q=0.5 | de",
        "null | en",
        "'' | en",
        ";;;q=abc,, | en",
        "de;q=2 | en",
      })
  void acceptLanguage_choosesTheBestSupportedLanguageElseEnglish(String header, String expected) {
    assertThat(Texts.fromAcceptLanguage(header).getLanguage()).isEqualTo(expected);
  }

  @Test
  void anUnsupportedLanguage_readsEnglish() {
    assertThat(Texts.in(Locale.FRENCH).locale()).isEqualTo(Locale.ENGLISH);
    assertThat(Texts.in(Locale.GERMANY).locale()).isEqualTo(Locale.GERMAN);
  }

  @Test
  void theEnglishWords_areReadOnAMachineWhoseDefaultLanguageIsGerman() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMAN);
      assertThat(Texts.in(Locale.ENGLISH).find("no.such.key")).isEmpty();
      assertThat(Texts.in(Locale.ENGLISH).locale()).isEqualTo(Locale.ENGLISH);
    } finally {
      Locale.setDefault(before);
    }
  }

  @ParameterizedTest
  @FieldSource("BUNDLES")
  void everyBundle_hasTheSameKeysInEveryLanguage_andNoEmptyText(String bundle) throws IOException {
    Properties english = load(bundle + ".properties");
    for (Locale language : Texts.LANGUAGES.subList(1, Texts.LANGUAGES.size())) {
      Properties other = load(bundle + "_" + language.getLanguage() + ".properties");
      assertThat(new TreeSet<>(other.stringPropertyNames()))
          .as("keys of %s in %s", bundle, language)
          .isEqualTo(new TreeSet<>(english.stringPropertyNames()));
      other.forEach((key, text) -> assertThat((String) text).as("%s", key).isNotBlank());
    }
    english.forEach((key, text) -> assertThat((String) text).as("%s", key).isNotBlank());
  }

  @ParameterizedTest
  @FieldSource("BUNDLES")
  void aTextWithArguments_doublesItsApostrophes(String bundle) throws IOException {
    Pattern argument = Pattern.compile("\\{\\d");
    Pattern loneApostrophe = Pattern.compile("(?<!')'(?!')");
    for (String name :
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(bundle + ".properties"),
                Texts.LANGUAGES.stream()
                    .skip(1)
                    .map(language -> bundle + "_" + language.getLanguage() + ".properties"))
            .toList()) {
      load(name)
          .forEach(
              (key, text) -> {
                if (argument.matcher((String) text).find()) {
                  assertThat(loneApostrophe.matcher((String) text).find())
                      .as("%s in %s has arguments, so it must write an apostrophe as ''", key, name)
                      .isFalse();
                }
              });
    }
  }

  private static Properties load(String resource) throws IOException {
    try (InputStream in = TextsTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return properties;
    }
  }
}
