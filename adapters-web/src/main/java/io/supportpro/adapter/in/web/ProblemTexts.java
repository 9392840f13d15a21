package io.supportpro.adapter.in.web;

import io.supportpro.domain.Problem;
import java.util.Locale;

/**
 * Words the domain's and the use cases' problems for people: each code has its key under {@code
 * problem.} in the message bundles, named after the code.
 */
final class ProblemTexts {
  private ProblemTexts() {}

  /** The key of a code's wording, such as {@code problem.username-length}. */
  static String key(Problem.Code code) {
    return "problem." + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The phrase that words the problem. */
  static Phrase of(Problem problem) {
    return Phrase.of(key(problem.code()), problem.arguments().toArray());
  }

  /** The problem in the language of the texts. */
  static String in(Texts texts, Problem problem) {
    return texts.get(of(problem));
  }
}
