package io.supportpro.adapter.out.duo;

import com.duosecurity.exception.DuoException;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.supportpro.adapter.out.duo.DuoGateway.Failure;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Sorts what the SDK throws into the port's failures, with a one-line detail. The SDK wraps
 * transport errors (IOException, and the {@link DuoHttpError} that {@link DuoClient} raises for an
 * error status) in DuoException, reports a refused health check as a bare DuoException message, and
 * throws unchecked exceptions for answers it cannot handle.
 */
final class DuoErrors {
  /** Which SDK call failed. */
  enum Call {
    HEALTH_CHECK,
    PROMPT,
    EXCHANGE
  }

  private static final String TOKEN_CHECK_FAILED = "ID Token verification failed";

  private DuoErrors() {}

  /** The failure for what the call threw; {@code null} means it did not finish in time. */
  static Failure failure(Call call, Throwable thrown) {
    if (thrown == null) {
      return Failure.UNREACHABLE;
    }
    Optional<DuoHttpError> status = cause(thrown, DuoHttpError.class);
    if (status.isPresent()) {
      return byStatus(call, status.get());
    }
    if (has(thrown, JsonProcessingException.class)) {
      return Failure.MALFORMED_ANSWER;
    }
    if (has(thrown, MalformedURLException.class)) {
      return Failure.INVALID_CONFIGURATION;
    }
    if (has(thrown, IOException.class)) {
      return Failure.UNREACHABLE;
    }
    if (call == Call.PROMPT) {
      // Nothing went over the network, so only what was configured or passed can be wrong.
      return Failure.INVALID_CONFIGURATION;
    }
    if (!(thrown instanceof DuoException)) {
      // A NullPointerException for a 2xx answer without "stat" or without a body, a
      // ClassCastException for claims of an unexpected type: Duo's answer was not usable.
      return Failure.MALFORMED_ANSWER;
    }
    if (call == Call.HEALTH_CHECK) {
      // A 200 answer with stat FAIL: Duo refuses the client (invalid_client).
      return Failure.INVALID_CONFIGURATION;
    }
    String message = Objects.requireNonNullElse(thrown.getMessage(), "");
    if (message.startsWith(TOKEN_CHECK_FAILED) && !message.contains("Null token")) {
      return Failure.INVALID_RESPONSE;
    }
    // No id token in the answer, or a 2xx other than 200, which the SDK refuses.
    return Failure.MALFORMED_ANSWER;
  }

  /** An error status: only a server error is an outage; every 4xx says the request was refused. */
  private static Failure byStatus(Call call, DuoHttpError error) {
    if (error.status() >= 500) {
      return Failure.SERVICE_ERROR;
    }
    if (error.status() == 429) {
      return Failure.RATE_LIMITED;
    }
    String body = error.body().toLowerCase(Locale.ROOT);
    if (error.status() == 401
        || body.contains("invalid_client")
        || body.contains("unauthorized_client")) {
      return Failure.INVALID_CONFIGURATION;
    }
    if (call == Call.EXCHANGE && body.contains("invalid_grant")) {
      return Failure.INVALID_RESPONSE;
    }
    return Failure.REQUEST_REFUSED;
  }

  /** A short description of what the call threw; {@code null} means it did not finish in time. */
  static String detail(Call call, Throwable thrown) {
    if (thrown == null) {
      return "Duo did not answer in time.";
    }
    Optional<DuoHttpError> status = cause(thrown, DuoHttpError.class);
    if (status.isPresent()) {
      String body = status.get().body().strip();
      return "Duo answered HTTP "
          + status.get().status()
          + (body.isEmpty() ? "." : ": " + body.lines().findFirst().orElse(""));
    }
    if (has(thrown, JsonProcessingException.class)) {
      return "Duo's answer could not be read.";
    }
    Optional<SSLPeerUnverifiedException> pinning = cause(thrown, SSLPeerUnverifiedException.class);
    if (pinning.isPresent()) {
      return "Duo's certificate chain matches no pinned certificate: " + firstLine(pinning.get());
    }
    Optional<SSLHandshakeException> handshake = cause(thrown, SSLHandshakeException.class);
    if (handshake.isPresent()) {
      return "TLS with Duo failed: " + firstLine(handshake.get());
    }
    Optional<UnknownHostException> unknownHost = cause(thrown, UnknownHostException.class);
    if (unknownHost.isPresent()) {
      return "Duo's host name cannot be resolved: " + firstLine(unknownHost.get());
    }
    if (has(thrown, SocketTimeoutException.class)) {
      return "Duo did not answer in time.";
    }
    if (has(thrown, IOException.class)) {
      return "Duo cannot be reached: " + firstLine(thrown);
    }
    String message = firstLine(thrown);
    if (call == Call.PROMPT) {
      return "The prompt address cannot be made: " + message;
    }
    if (!(thrown instanceof DuoException)) {
      return "Duo answered with an unusable body (the SDK threw "
          + thrown.getClass().getSimpleName()
          + ").";
    }
    if (call == Call.HEALTH_CHECK) {
      return "Duo refused the health check: " + message;
    }
    if (message.startsWith(TOKEN_CHECK_FAILED)) {
      return thrown.getCause() == null
          ? "Duo's answer has no id token."
          : "Duo's id token did not verify: " + firstLine(thrown.getCause());
    }
    return "Duo's answer to the code exchange was not usable: " + message;
  }

  private static String firstLine(Throwable thrown) {
    String message = thrown.getMessage();
    if (message == null || message.isBlank()) {
      return thrown.getClass().getSimpleName();
    }
    return message.lines().findFirst().orElse("").strip();
  }

  private static boolean has(Throwable thrown, Class<? extends Throwable> type) {
    return cause(thrown, type).isPresent();
  }

  private static <T extends Throwable> Optional<T> cause(Throwable thrown, Class<T> type) {
    int depth = 0;
    for (Throwable t = thrown; t != null && depth < 16; t = t.getCause(), depth++) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }
}
