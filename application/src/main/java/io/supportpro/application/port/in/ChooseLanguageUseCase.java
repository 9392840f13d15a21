package io.supportpro.application.port.in;

import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.OperatorId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The language an operator reads the panel in, which they choose themselves. */
public interface ChooseLanguageUseCase {
  /** The languages the panel speaks; the first is the one used when nothing else matches. */
  List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN);

  /** The operator's language; empty until they choose one, when their browser's applies. */
  Optional<Locale> language(OperatorId operator);

  /**
   * Stores the language whose tag is {@code language} (one of {@link #LANGUAGES}, such as "de") as
   * the operator's, audited as {@code LANGUAGE_CHANGED} with the language before and after.
   */
  LanguageChoice choose(Actor actor, OperatorId operator, String language);

  /** What became of a choice. */
  sealed interface LanguageChoice {
    /** Stored. */
    record Chosen(Locale language) implements LanguageChoice {}

    /** The panel does not speak that language; nothing changed. */
    record UnsupportedLanguage() implements LanguageChoice {}

    /** The operator no longer exists; nothing changed. */
    record NoSuchOperator() implements LanguageChoice {}
  }
}
