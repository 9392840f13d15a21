package io.supportpro.domain.operator;

import io.supportpro.domain.InvalidValueException;
import io.supportpro.domain.Problem;
import io.supportpro.domain.Text;
import java.util.Objects;

/** The name shown for an operator in the panel, such as "Ada Lovelace". */
public record DisplayName(String value) {
  public DisplayName {
    value = Objects.requireNonNull(value, "display name").strip();
    if (value.isEmpty() || value.codePointCount(0, value.length()) > 100) {
      throw new InvalidValueException(
          Problem.Code.DISPLAY_NAME_LENGTH, "A display name has 1 to 100 characters.", 100);
    }
    if (Text.hasControlCharacter(value)) {
      throw new InvalidValueException(
          Problem.Code.DISPLAY_NAME_CONTROL_CHARACTERS,
          "A display name cannot hold control characters.");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
