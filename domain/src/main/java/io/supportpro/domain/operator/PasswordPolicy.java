package io.supportpro.domain.operator;

import io.supportpro.domain.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rule a new password must meet: long enough, not too long to hash, and not a well-known or
 * guessable one.
 */
public final class PasswordPolicy {
  /** The fewest characters a password may have. */
  public static final int MIN_LENGTH = 12;

  private final Set<String> common;

  private PasswordPolicy(Set<String> common) {
    this.common = common;
  }

  /** The policy with the bundled list of common passwords. */
  public static PasswordPolicy standard() {
    try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
      if (in == null) {
        throw new IllegalStateException("common-passwords.txt is missing from the class path");
      }
      var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return new PasswordPolicy(
          reader
              .lines()
              .map(String::strip)
              .filter(line -> !line.isEmpty() && !line.startsWith("#"))
              .map(line -> line.toLowerCase(Locale.ROOT))
              .collect(Collectors.toUnmodifiableSet()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Why the password is refused for this operator, or empty when it is acceptable. */
  public Optional<Problem> problem(Password password, Username username) {
    Optional<Problem> problem = problem(password);
    if (problem.isEmpty() && password.value().toLowerCase(Locale.ROOT).contains(username.value())) {
      return Optional.of(
          Problem.of(
              Problem.Code.PASSWORD_CONTAINS_USERNAME, "A password cannot contain the username."));
    }
    return problem;
  }

  /**
   * Why the password is refused whoever it is for, or empty; used when the username is not known
   * yet, so that a form can report every problem at once.
   */
  public Optional<Problem> problem(Password password) {
    String value = password.value();
    int length = value.codePointCount(0, value.length());
    if (length < MIN_LENGTH) {
      return Optional.of(
          Problem.of(
              Problem.Code.PASSWORD_TOO_SHORT,
              "A password has at least " + MIN_LENGTH + " characters.",
              MIN_LENGTH));
    }
    if (length > Password.MAX_LENGTH) {
      return Optional.of(
          Problem.of(
              Problem.Code.PASSWORD_TOO_LONG,
              "A password has at most " + Password.MAX_LENGTH + " characters.",
              Password.MAX_LENGTH));
    }
    String folded = value.toLowerCase(Locale.ROOT);
    if (common.contains(folded) || value.codePoints().distinct().count() < 4) {
      return Optional.of(
          Problem.of(
              Problem.Code.PASSWORD_TOO_COMMON,
              "That password is too common or too easy to guess; choose another."));
    }
    return Optional.empty();
  }
}
