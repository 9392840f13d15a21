package io.supportpro.domain.operator;

import io.supportpro.domain.InvalidValueException;
import io.supportpro.domain.Problem;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** The name an operator signs in with; stored trimmed and lower-case. */
public record Username(String value) {
  private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}._-]+");

  public Username {
    value = Objects.requireNonNull(value, "username").strip().toLowerCase(Locale.ROOT);
    if (value.isEmpty() || value.codePointCount(0, value.length()) > 64) {
      throw new InvalidValueException(
          Problem.Code.USERNAME_LENGTH, "A username has 1 to 64 characters.", 64);
    }
    if (!ALLOWED.matcher(value).matches()) {
      throw new InvalidValueException(
          Problem.Code.USERNAME_CHARACTERS,
          "A username may hold only letters, digits, dots, dashes and underscores.");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
