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
 * @param client where the session was begun
 */
public record Session(
    SessionKey key,
    OperatorId operator,
    SessionStage stage,
    SecondFactor secondFactor,
    String csrfToken,
    Instant createdAt,
    Instant lastSeenAt,
    SessionClient client) {
  public Session {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(secondFactor, "secondFactor");
    Objects.requireNonNull(csrfToken, "csrfToken");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    Objects.requireNonNull(client, "client");
  }

  /** A session whose client is not known. */
  public Session(
      SessionKey key,
      OperatorId operator,
      SessionStage stage,
      SecondFactor secondFactor,
      String csrfToken,
      Instant createdAt,
      Instant lastSeenAt) {
    this(
        key,
        operator,
        stage,
        secondFactor,
        csrfToken,
        createdAt,
        lastSeenAt,
        SessionClient.UNKNOWN);
  }

  /** A new session for the token, begun now from a client that is not known. */
  public static Session begin(
      SessionToken token, OperatorId operator, SecondFactor secondFactor, Instant now) {
    return begin(token, operator, secondFactor, now, SessionClient.UNKNOWN);
  }

  /** A new session for the token, begun now from the client. */
  public static Session begin(
      SessionToken token,
      OperatorId operator,
      SecondFactor secondFactor,
      Instant now,
      SessionClient client) {
    return new Session(
        token.key(),
        operator,
        SessionStage.afterPassword(secondFactor),
        secondFactor,
        SessionToken.randomText(),
        now,
        now,
        client);
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
        now,
        client);
  }

  /** A copy last used at {@code at}. */
  public Session seenAt(Instant at) {
    return new Session(key, operator, stage, secondFactor, csrfToken, createdAt, at, client);
  }

  /** True when the session is fully signed in. */
  public boolean signedIn() {
    return stage == SessionStage.SIGNED_IN;
  }
}
