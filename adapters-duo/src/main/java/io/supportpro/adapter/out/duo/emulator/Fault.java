package io.supportpro.adapter.out.duo.emulator;

/**
 * A way Duo misbehaves on purpose, in the emulator and in the in-memory gateway, to exercise every
 * failure path of a client.
 */
public enum Fault {
  /** Connections through the proxy are refused and open ones are cut; the API answers nothing. */
  DOWN,
  /** Every answer comes only after the emulator's slow delay. */
  SLOW,
  /** The API answers 500 Internal Server Error. */
  HTTP_500,
  /** The API answers 503 Service Unavailable, as Duo does during an outage. */
  HTTP_503,
  /** The API answers 429 Too Many Requests: Duo is rate-limiting this client. */
  HTTP_429,
  /** The API answers 400 Bad Request: Duo says the request itself is wrong. */
  HTTP_400,
  /**
   * The client is refused: the health check answers {@code stat: FAIL}, the token endpoint {@code
   * invalid_client}.
   */
  STAT_FAIL,
  /** The API answers 200 with a body that is not JSON. */
  MALFORMED_JSON,
  /** The id token is signed with another key. */
  BAD_SIGNATURE,
  /** The id token names another issuer. */
  WRONG_ISS,
  /** The id token names another audience. */
  WRONG_AUD,
  /** The id token is for another user than the one who approved. */
  WRONG_USER,
  /** The id token expired ten minutes ago, well beyond the SDK's one-minute leeway. */
  EXPIRED,
  /** The prompt sends the browser back with {@code error=access_denied} instead of a code. */
  ERROR_REDIRECT
}
