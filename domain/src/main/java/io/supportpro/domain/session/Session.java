package io.supportpro.domain.session;

import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.secondfactor.SecondFactor;
import java.time.Instant;
import java.util.Objects;

/**
 * A browser's session, stored server-side so that any instance can serve any request.
 *
 * @param secondFactor the factor the operator was asked for after the password
 * @param csrfToken the token every state-changing form of this session carries
 */
public record Session(
    SessionKey key,
    OperatorId operator,
    SessionStage stage,
    SecondFactor secondFactor,
    String csrfToken,
    Instant createdAt,
    Instant lastSeenAt) {
  public Session {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(secondFactor, "secondFactor");
    Objects.requireNonNull(csrfToken, "csrfToken");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastSeenAt, "lastSeenAt");
  }

  /** A new session for the token, begun now. */
  public static Session begin(
      SessionToken token, OperatorId operator, SecondFactor secondFactor, Instant now) {
    return new Session(
        token.key(),
        operator,
        SessionStage.afterPassword(secondFactor),
        secondFactor,
        SessionToken.randomText(),
        now,
        now);
  }

  /**
   * The session under a new token, fully signed in: the id changes whenever the session gains
   * privileges. The moment it was begun is kept, so the absolute timeout still counts from it.
   */
  public Session signedInAs(SessionToken token, Instant now) {
    return new Session(
        token.key(),
        operator,
        SessionStage.SIGNED_IN,
        secondFactor,
        SessionToken.randomText(),
        createdAt,
        now);
  }

  /** True when the session is fully signed in. */
  public boolean signedIn() {
    return stage == SessionStage.SIGNED_IN;
  }
}
