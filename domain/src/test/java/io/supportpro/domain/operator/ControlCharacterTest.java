package io.supportpro.domain.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every control, separator and format code point of Unicode, tried in each text value. */
class ControlCharacterTest {
  private static final List<Integer> FORBIDDEN =
      IntStream.rangeClosed(Character.MIN_CODE_POINT, Character.MAX_CODE_POINT)
          .filter(
              c ->
                  Character.isISOControl(c)
                      || Character.getType(c) == Character.FORMAT
                      || Character.getType(c) == Character.LINE_SEPARATOR
                      || Character.getType(c) == Character.PARAGRAPH_SEPARATOR)
          .boxed()
          .toList();

  /** The forbidden code points that {@code make} accepted inside otherwise valid text. */
  private static List<String> accepted(Consumer<String> make, String before, String after) {
    return FORBIDDEN.stream()
        .filter(
            c -> {
              try {
                make.accept(before + Character.toString(c) + after);
                return true;
              } catch (IllegalArgumentException refused) {
                return false;
              }
            })
        .map(c -> "U+%04X".formatted(c))
        .toList();
  }

  @Test
  void theForbiddenSetIsNotTrivial() {
    assertThat(FORBIDDEN).hasSizeGreaterThan(200).contains(0, 0x7F, 0x9F, 0x200B, 0x202E, 0x2028);
  }

  @Test
  void username_neverAcceptsAControlCharacter() {
    assertThat(accepted(Username::new, "ali", "ce")).isEmpty();
  }

  @Test
  void emailAddress_neverAcceptsAControlCharacter() {
    assertThat(accepted(EmailAddress::new, "ada", "@example.com")).isEmpty();
    assertThat(accepted(EmailAddress::new, "ada@exa", "mple.com")).isEmpty();
  }

  @Test
  void displayName_neverAcceptsAControlCharacter() {
    assertThat(accepted(DisplayName::new, "Ada ", " Lovelace")).isEmpty();
  }
}
