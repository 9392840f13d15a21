package io.supportpro.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Username;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidValueExceptionTest {
  @Test
  void aRefusedValue_carriesItsCodeAndNumbers_andKeepsTheEnglishSentenceAsItsMessage() {
    var refused = catchThrowableOfType(InvalidValueException.class, () -> new Username(""));

    assertThat(refused.problem().code()).isEqualTo(Problem.Code.USERNAME_LENGTH);
    assertThat(refused.problem().arguments()).isEqualTo(List.of(64));
    assertThat(refused).isInstanceOf(IllegalArgumentException.class);
    assertThat(refused).hasMessage("A username has 1 to 64 characters.");
  }

  @Test
  void aProblem_printsAsItsEnglishSentence() {
    var refused = catchThrowableOfType(InvalidValueException.class, () -> new EmailAddress("a b"));

    assertThat(refused.problem().code()).isEqualTo(Problem.Code.EMAIL_SHAPE);
    assertThat(refused.problem())
        .hasToString("An e-mail address looks like name@example.com, with no spaces.");
  }
}
