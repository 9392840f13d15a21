package io.supportpro.domain.operator;

import io.supportpro.domain.InvalidValueException;
import io.supportpro.domain.Problem;
import io.supportpro.domain.Text;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** An operator's e-mail address; stored trimmed and lower-case so that it is unique. */
public record EmailAddress(String value) {
  private static final Pattern SHAPE =
      Pattern.compile("[^@\\s\\p{Z}]{1,64}@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");

  public EmailAddress {
    value = Objects.requireNonNull(value, "e-mail address").strip().toLowerCase(Locale.ROOT);
    if (value.isEmpty() || value.length() > 254) {
      throw new InvalidValueException(
          Problem.Code.EMAIL_LENGTH, "An e-mail address has 1 to 254 characters.", 254);
    }
    if (Text.hasControlCharacter(value) || !SHAPE.matcher(value).matches()) {
      throw new InvalidValueException(
          Problem.Code.EMAIL_SHAPE,
          "An e-mail address looks like name@example.com, with no spaces.");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
