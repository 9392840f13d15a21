package io.supportpro.domain.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.domain.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {
  private static final PasswordPolicy POLICY = PasswordPolicy.standard();
  private static final Username ALICE = new Username("alice");
  private static final String TOO_SHORT = "A password has at least 12 characters.";
  private static final String TOO_LONG = "A password has at most 256 characters.";
  private static final String GUESSABLE =
      "That password is too common or too easy to guess; choose another.";
  private static final String HAS_USERNAME = "A password cannot contain the username.";

  /** Eight different animals, each outside the Basic Multilingual Plane (two chars of UTF-16). */
  private static final List<String> ANIMALS =
      List.of("🐶", "🐱", "🐭", "🐹", "🐰", "🦊", "🐻", "🐼");

  private static Optional<String> problem(String password) {
    return POLICY.problem(new Password(password), ALICE).map(Problem::message);
  }

  /** {@code count} code points cycling through the animals. */
  private static String animals(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> ANIMALS.get(i % ANIMALS.size()))
        .reduce("", String::concat);
  }

  /** {@code count} characters cycling through a few letters and digits. */
  private static String mixed(int count) {
    String pool = "Tr0ub4dor&3xQ";
    return IntStream.range(0, count)
        .mapToObj(i -> String.valueOf(pool.charAt(i % pool.length())))
        .reduce("", String::concat);
  }

  private static List<String> bundledCommonPasswords() throws IOException {
    try (var in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    }
  }

  @Test
  void problem_acceptsAGoodPassword() {
    assertThat(problem("violet-Harbour-47-kettle")).isEmpty();
  }

  @Test
  void problem_refusesElevenCharacters() {
    assertThat(problem(mixed(11))).contains(TOO_SHORT);
  }

  @Test
  void problem_acceptsTwelveCharacters() {
    assertThat(problem(mixed(12))).isEmpty();
  }

  @Test
  void problem_countsTheMinimumInCodePoints() {
    assertThat(animals(11)).hasSize(22);

    assertThat(problem(animals(11))).contains(TOO_SHORT);
    assertThat(problem(animals(12))).isEmpty();
  }

  @Test
  void problem_acceptsTwoHundredFiftySixCharacters() {
    assertThat(problem(mixed(256))).isEmpty();
  }

  @Test
  void problem_refusesTwoHundredFiftySevenCharacters() {
    assertThat(problem(mixed(257))).contains(TOO_LONG);
  }

  @Test
  void problem_countsTheMaximumInCodePoints() {
    assertThat(problem(animals(256))).isEmpty();
    assertThat(problem(animals(257))).contains(TOO_LONG);
  }

  @Test
  void problem_refusesAnEmptyPassword() {
    assertThat(problem("")).contains(TOO_SHORT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"password1234", "PASSWORD1234", "PaSsWoRd1234", "Qwerty123456"})
  void problem_refusesACommonPasswordWithoutRegardToCase(String common) {
    assertThat(problem(common)).contains(GUESSABLE);
  }

  @Test
  void problem_refusesEveryBundledCommonPasswordInLowerAndUpperCase() throws IOException {
    List<String> common = bundledCommonPasswords();
    assertThat(common).hasSizeGreaterThan(50);

    for (String password : common) {
      assertThat(problem(password)).as(password).contains(GUESSABLE);
      assertThat(problem(password.toUpperCase(Locale.ROOT))).as(password).contains(GUESSABLE);
    }
  }

  @Test
  void problem_acceptsACommonPasswordWithSomethingAdded() {
    assertThat(problem("password1234 plus some more")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"zzzzzzzzzzzzzzzz", "xyxyxyxyxyxyxy", "xyzxyzxyzxyzxyz", "kKkKkKkKkKkKkK"})
  void problem_refusesFewerThanFourDistinctCharacters(String repetitive) {
    assertThat(problem(repetitive)).contains(GUESSABLE);
  }

  @Test
  void problem_acceptsFourDistinctCharacters() {
    assertThat(problem("wxyzwxyzwxyz")).isEmpty();
  }

  @Test
  void problem_countsDistinctCodePointsNotChars() {
    // Three animals share the same high surrogate: three code points, yet four distinct chars.
    String threeAnimals = "🐶🐱🐭".repeat(5);

    assertThat(problem(threeAnimals)).contains(GUESSABLE);
  }

  @Test
  void problem_refusesAPasswordContainingTheUsername() {
    assertThat(problem("my-alice-is-here-42")).contains(HAS_USERNAME);
  }

  @Test
  void problem_namesItsCodeAndTheNumberItsSentenceNames() {
    assertThat(POLICY.problem(new Password(mixed(11))))
        .contains(Problem.of(Problem.Code.PASSWORD_TOO_SHORT, TOO_SHORT, 12));
    assertThat(POLICY.problem(new Password(mixed(257))))
        .contains(Problem.of(Problem.Code.PASSWORD_TOO_LONG, TOO_LONG, 256));
    assertThat(problem("My-ALICE-is-here-42")).contains(HAS_USERNAME);
    assertThat(POLICY.problem(new Password("My-ALICE-is-here-42"), ALICE).orElseThrow().code())
        .isEqualTo(Problem.Code.PASSWORD_CONTAINS_USERNAME);
  }

  @Test
  void problem_findsTheUsernameWithoutRegardToCase() {
    assertThat(problem("My-ALICE-is-here-42")).contains(HAS_USERNAME);
    assertThat(POLICY.problem(new Password("my-alice-is-here-42"), new Username("ALICE")))
        .map(Problem::message)
        .contains(HAS_USERNAME);
  }

  @Test
  void problem_acceptsThePasswordForAnotherUsername() {
    assertThat(POLICY.problem(new Password("my-alice-is-here-42"), new Username("bob"))).isEmpty();
  }

  @Test
  void problem_reportsTheLengthBeforeAnythingElse() {
    assertThat(problem("alice")).contains(TOO_SHORT);
  }

  @Test
  void problem_withoutAUsernameJudgesLengthAndGuessability() {
    assertThat(POLICY.problem(new Password(mixed(11)))).map(Problem::message).contains(TOO_SHORT);
    assertThat(POLICY.problem(new Password(mixed(257)))).map(Problem::message).contains(TOO_LONG);
    assertThat(POLICY.problem(new Password("PASSWORD1234")))
        .map(Problem::message)
        .contains(GUESSABLE);
    assertThat(POLICY.problem(new Password("xyzxyzxyzxyzxyz")))
        .map(Problem::message)
        .contains(GUESSABLE);
    assertThat(POLICY.problem(new Password("my-alice-is-here-42"))).isEmpty();
  }

  @Test
  void minLength_isTwelve() {
    assertThat(PasswordPolicy.MIN_LENGTH).isEqualTo(12);
  }
}
