package io.supportpro.domain;

import java.util.Objects;

/**
 * A value refused by a rule of the domain, carrying the {@link Problem} that an adapter words for
 * the person who typed it; its message is the problem's English sentence.
 */
public final class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  // Never serialised: the exception lives only while a request is answered.
  @SuppressWarnings("serial")
  private final Problem problem;

  public InvalidValueException(Problem problem) {
    super(Objects.requireNonNull(problem, "problem").message());
    this.problem = problem;
  }

  /** A value refused for a problem of this code, with its English sentence and values. */
  public InvalidValueException(Problem.Code code, String message, Object... arguments) {
    this(Problem.of(code, message, arguments));
  }

  public Problem problem() {
    return problem;
  }
}
