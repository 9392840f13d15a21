package io.supportpro.domain.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperatorSearchTest {
  private final Operator mary =
      new Operator(
          OperatorId.random(),
          new Username("mjones7"),
          new EmailAddress("Mary.Jones@Support.Example.com"),
          new DisplayName("Mary-Ann  O'Brien Jones"),
          Role.OPERATOR,
          true);

  @Test
  void terms_areEachFieldFromEveryStartOfAWordInLowerCase() {
    assertThat(OperatorSearch.terms(mary))
        .containsExactly(
            "mjones7",
            "mary.jones@support.example.com",
            "jones@support.example.com",
            "support.example.com",
            "example.com",
            "com",
            "mary-ann  o'brien jones",
            "ann  o'brien jones",
            "o'brien jones",
            "brien jones",
            "jones");
  }

  @Test
  void aSearch_findsTheStartOfAnyWordWithoutCase() {
    assertThat(OperatorSearch.matches(mary, OperatorSearch.fold(" MJON "))).isTrue();
    assertThat(OperatorSearch.matches(mary, "mary.j")).isTrue();
    assertThat(OperatorSearch.matches(mary, "example.com")).isTrue();
    assertThat(OperatorSearch.matches(mary, "o'bri")).isTrue();
    assertThat(OperatorSearch.matches(mary, "brien jo")).isTrue();
    assertThat(OperatorSearch.matches(mary, "")).isTrue();
  }

  @Test
  void aSearch_doesNotFindTheMiddleOfAWord() {
    assertThat(OperatorSearch.matches(mary, "ones")).isFalse();
    assertThat(OperatorSearch.matches(mary, "xample")).isFalse();
    assertThat(OperatorSearch.matches(mary, "@support")).isFalse();
    assertThat(OperatorSearch.matches(mary, "ary")).isFalse();
  }

  @Test
  void lettersBeyondAscii_startAndContinueWords() {
    Operator zoe =
        new Operator(
            OperatorId.random(),
            new Username("zoe"),
            new EmailAddress("zoe@example.com"),
            new DisplayName("Zoë Ærøskøbing-Ñúñez"),
            Role.OPERATOR,
            true);

    assertThat(OperatorSearch.matches(zoe, OperatorSearch.fold("ÆRØ"))).isTrue();
    assertThat(OperatorSearch.matches(zoe, "ñú")).isTrue();
    assertThat(OperatorSearch.matches(zoe, "ë")).isFalse();
  }
}
