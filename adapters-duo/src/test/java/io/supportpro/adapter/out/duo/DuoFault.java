package io.supportpro.adapter.out.duo;

/** A way a Duo service misbehaves, injected into a {@link DuoGatewayContract} implementation. */
public enum DuoFault {
  /** Duo cannot be reached: connections are refused or cut. */
  DOWN,
  /** Duo answers, but later than the gateway waits. */
  SLOW,
  /** Duo answers 500. */
  HTTP_500,
  /** Duo answers 503. */
  HTTP_503,
  /** Duo answers 429: it rate-limits this client. */
  HTTP_429,
  /** Duo answers 400: the request is wrong. */
  HTTP_400,
  /**
   * Duo refuses the client: {@code stat: FAIL} on the health check, {@code invalid_client} on the
   * token.
   */
  STAT_FAIL,
  /** Duo answers 200 with a body that is not JSON. */
  MALFORMED_JSON,
  /** The id token is signed with another key. */
  BAD_SIGNATURE,
  /** The id token names another issuer. */
  WRONG_ISS,
  /** The id token names another audience. */
  WRONG_AUD,
  /** The id token is for another user. */
  WRONG_USER,
  /** The id token expired long ago. */
  EXPIRED,
  /** The prompt sends the browser back with {@code error=access_denied} and no code. */
  ERROR_REDIRECT
}
