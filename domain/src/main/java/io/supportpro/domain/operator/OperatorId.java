package io.supportpro.domain.operator;

import io.supportpro.domain.InvalidValueException;
import io.supportpro.domain.Problem;
import java.util.Objects;
import java.util.UUID;

/** The stable identity of an operator, independent of their username or e-mail address. */
public record OperatorId(UUID value) {
  public OperatorId {
    Objects.requireNonNull(value, "operator id");
  }

  /** A new random identity. */
  public static OperatorId random() {
    return new OperatorId(UUID.randomUUID());
  }

  /**
   * Reads an identity from its text form.
   *
   * @throws IllegalArgumentException when the text is not an identity
   */
  public static OperatorId parse(String text) {
    try {
      return new OperatorId(UUID.fromString(Objects.requireNonNull(text, "operator id").strip()));
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(
          Problem.Code.OPERATOR_ID_MALFORMED, "That is not an operator identity.");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
