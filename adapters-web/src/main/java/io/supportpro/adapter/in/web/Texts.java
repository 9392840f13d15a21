package io.supportpro.adapter.in.web;

import io.javalin.http.Context;
import io.supportpro.application.port.in.ChooseLanguageUseCase;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The panel's words in one language, read from the message bundles under {@code i18n/}, which the
 * templates ({@code #{key}}) and the handlers share.
 */
final class Texts {
  /** The languages the panel speaks; the first is the one used when nothing else matches. */
  static final List<Locale> LANGUAGES = ChooseLanguageUseCase.LANGUAGES;

  /** The bundles looked up in order: the pages' words, then the words handlers produce. */
  static final List<String> BUNDLES = List.of("i18n/pages", "i18n/texts");

  private static final String ATTRIBUTE = "supportpro.texts";

  // Without a fallback to the JVM's default locale, an English request on a German machine still
  // reads the base (English) bundle.
  private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final Locale locale;

  private Texts(Locale locale) {
    this.locale = locale;
  }

  /** The words in one of {@link #LANGUAGES}. */
  static Texts in(Locale locale) {
    return new Texts(supported(locale));
  }

  /** The words for this request, chosen once: see {@link #chosenLanguage(Context)}. */
  static Texts of(Context ctx) {
    Texts texts = ctx.attribute(ATTRIBUTE);
    if (texts == null) {
      texts = new Texts(chosenLanguage(ctx));
      ctx.attribute(ATTRIBUTE, texts);
    }
    return texts;
  }

  /**
   * The request's language: the one the signed-in operator chose (read with their session by the
   * request guard, which runs before every handler and so before every page is rendered), else the
   * browser's {@code Accept-Language}, else English.
   */
  static Locale chosenLanguage(Context ctx) {
    return Visitor.of(ctx)
        .flatMap(visitor -> visitor.active().language())
        .map(Texts::supported)
        .orElseGet(() -> fromAcceptLanguage(ctx.header("Accept-Language")));
  }

  /** The best of {@link #LANGUAGES} for an {@code Accept-Language} header, else English. */
  static Locale fromAcceptLanguage(String header) {
    if (header == null || header.isBlank() || header.length() > 512) {
      return LANGUAGES.getFirst();
    }
    try {
      Locale match = Locale.lookup(Locale.LanguageRange.parse(header), LANGUAGES);
      return match == null ? LANGUAGES.getFirst() : match;
    } catch (IllegalArgumentException malformed) {
      return LANGUAGES.getFirst();
    }
  }

  Locale locale() {
    return locale;
  }

  /**
   * The text of a key, with its arguments formatted for the language by {@link MessageFormat}; a
   * text with arguments writes an apostrophe as {@code ''}.
   *
   * @throws MissingResourceException when no bundle has the key, which the bundle tests rule out
   */
  String get(String key, Object... arguments) {
    return find(key, arguments).orElseThrow(() -> new MissingResourceException(key, "Texts", key));
  }

  /** The words of a phrase. */
  String get(Phrase phrase) {
    return phrase.in(this);
  }

  /** The text of a key, or nothing when no bundle has it. */
  Optional<String> find(String key, Object... arguments) {
    for (String bundle : BUNDLES) {
      ResourceBundle words = ResourceBundle.getBundle(bundle, locale, NO_DEFAULT_LOCALE);
      if (words.containsKey(key)) {
        String pattern = words.getString(key);
        return Optional.of(
            arguments == null || arguments.length == 0
                ? pattern
                : new MessageFormat(pattern, locale).format(arguments));
      }
    }
    return Optional.empty();
  }

  /**
   * The text of a key, or the given text itself when no bundle has such a key: for the messages of
   * a second factor, which are the panel's keys for its built-in method and a plugin's own words
   * otherwise.
   */
  String keyOrText(String keyOrText) {
    return find(keyOrText).orElse(keyOrText);
  }

  private static Locale supported(Locale locale) {
    return LANGUAGES.stream()
        .filter(language -> language.getLanguage().equals(locale.getLanguage()))
        .findFirst()
        .orElse(LANGUAGES.getFirst());
  }
}
