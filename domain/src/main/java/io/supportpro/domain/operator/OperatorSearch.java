package io.supportpro.domain.operator;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How a search text finds operators: it must begin a word of the username, of the e-mail address or
 * of the display name, without regard to case, and may run on past the end of that word ("smi"
 * finds "Jo Smith", "jo sm" finds her too, "mith" does not).
 */
// Beginnings of words, unlike any part of a name, can be looked up in an index.
public final class OperatorSearch {
  private OperatorSearch() {}

  /** The text as searches compare it: stripped and in lower case. */
  public static String fold(String text) {
    return text.strip().toLowerCase(Locale.ROOT);
  }

  /** Whether the folded text finds the operator; an empty text finds everyone. */
  public static boolean matches(Operator operator, String folded) {
    return folded.isEmpty() || terms(operator).stream().anyMatch(term -> term.startsWith(folded));
  }

  /**
   * What a search may begin: the username, the e-mail address and the display name in lower case,
   * each from every start of a word to its end. A word starts at the beginning of the field and at
   * a letter or digit that follows any other character, so that "mary.jones@example.com" gives
   * "mary.jones@example.com", "jones@example.com", "example.com" and "com".
   */
  public static Set<String> terms(Operator operator) {
    return terms(operator.username(), operator.email(), operator.displayName());
  }

  /** What a search may begin, for an operator with these names. */
  public static Set<String> terms(Username username, EmailAddress email, DisplayName displayName) {
    Set<String> terms = new LinkedHashSet<>();
    addWordEnds(username.value(), terms);
    addWordEnds(email.value(), terms);
    addWordEnds(fold(displayName.value()), terms);
    return terms;
  }

  private static void addWordEnds(String field, Set<String> terms) {
    boolean inWord = false;
    for (int i = 0; i < field.length(); ) {
      int codePoint = field.codePointAt(i);
      boolean wordCharacter = Character.isLetterOrDigit(codePoint);
      if (i == 0 || (wordCharacter && !inWord)) {
        terms.add(field.substring(i));
      }
      inWord = wordCharacter;
      i += Character.charCount(codePoint);
    }
  }
}
