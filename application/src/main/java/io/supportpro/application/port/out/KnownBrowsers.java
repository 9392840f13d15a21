package io.supportpro.application.port.out;

import io.supportpro.domain.operator.OperatorId;
import java.time.Instant;

/**
 * The browsers each operator has signed in from, known only by the hex SHA-256 of a long-lived
 * random cookie, so that a sign-in from any other browser can be announced.
 */
public interface KnownBrowsers {
  /**
   * Records that the operator signed in from the browser at {@code now}; true when it was not known
   * for them before. Of the operator's browsers only the {@code keep} seen most recently are kept.
   * Of two calls at once for one new browser, exactly one answers true.
   */
  boolean remember(OperatorId operator, String browserHash, Instant now, int keep);

  /**
   * Records a browser whose random cookie was made for this sign-in, so that no operator can know
   * it yet: what {@link #remember} does for a new browser, without first looking for it.
   */
  void rememberNew(OperatorId operator, String browserHash, Instant now, int keep);

  /** Forgets the browsers not seen since the instant; answers how many. */
  int forgetUnseenSince(Instant cutoff);
}
