package io.supportpro.adapter.out.duo;

import io.supportpro.adapter.out.duo.emulator.Fault;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A Duo service and its gateway in one, for tests of the plugin through the core: it accepts one
 * client's credentials, lets users approve (or, if {@link #deny(String) denied}, fail) in a pretend
 * browser, issues single-use codes, and plays every {@link Fault} instantly.
 */
public final class InMemoryDuoGateway implements DuoGateway {
  /** The API host the fake answers for. */
  public static final String API_HOST = "api-fake.duo.test";

  private record Pending(String clientId, String username, URI redirectUri, String state) {}

  private record Grant(String clientId, String username, URI redirectUri, boolean allowed) {}

  private final String clientId;
  private final String clientSecret;
  private final Set<String> denied = new HashSet<>();
  private final Set<Fault> faults = EnumSet.noneOf(Fault.class);
  private final Map<String, Pending> prompts = new HashMap<>();
  private final Map<String, Grant> codes = new HashMap<>();

  public InMemoryDuoGateway(String clientId, String clientSecret) {
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
  }

  /** A connection the fake accepts, sending the browser back to {@code redirectUri}. */
  public DuoConnection connection(URI redirectUri) {
    return new DuoConnection(
        clientId, clientSecret, API_HOST, redirectUri, Optional.empty(), List.of());
  }

  public synchronized void allow(String username) {
    denied.remove(username);
  }

  public synchronized void deny(String username) {
    denied.add(username);
  }

  public synchronized void inject(Fault fault) {
    faults.add(fault);
  }

  public synchronized void clearFaults() {
    faults.clear();
  }

  /** The user presses Approve on the prompt; returns where Duo sends the browser back. */
  public synchronized URI approve(URI promptLocation) {
    return answer(promptLocation, true);
  }

  /** The user presses Deny on the prompt; the code that comes back verifies as not allowed. */
  public synchronized URI decline(URI promptLocation) {
    return answer(promptLocation, false);
  }

  @Override
  public synchronized Health healthCheck(DuoConnection connection) {
    Failure failure = serviceFailure();
    if (failure != null) {
      return new Health.Unavailable(failure, "Duo is failing (" + faultNames() + ").");
    }
    if (!accepts(connection)) {
      return new Health.Unavailable(Failure.INVALID_CONFIGURATION, "Duo refuses the client.");
    }
    return new Health.Available();
  }

  @Override
  public synchronized Prompt prompt(DuoConnection connection, String username, String state) {
    if (connection == null || username == null || username.isBlank()) {
      return new Prompt.Unavailable(Failure.INVALID_CONFIGURATION, "No connection or username.");
    }
    if (state == null || state.length() < 22 || state.length() > 1024) {
      return new Prompt.Unavailable(
          Failure.INVALID_CONFIGURATION, "The state must have 22 to 1024 characters.");
    }
    String transaction = UUID.randomUUID().toString();
    prompts.put(
        transaction, new Pending(connection.clientId(), username, connection.redirectUri(), state));
    return new Prompt.Redirect(
        URI.create("https://" + connection.apiHost() + "/oauth/v1/authorize?txn=" + transaction));
  }

  @Override
  public synchronized Result exchange(DuoConnection connection, String code, String username) {
    Failure failure = serviceFailure();
    if (failure != null) {
      return new Result.Unverified(failure, "Duo is failing (" + faultNames() + ").");
    }
    if (!accepts(connection)) {
      return new Result.Unverified(Failure.INVALID_CONFIGURATION, "Duo refuses the client.");
    }
    Grant grant = code == null ? null : codes.remove(code);
    if (grant == null
        || !grant.clientId().equals(connection.clientId())
        || !grant.redirectUri().equals(connection.redirectUri())) {
      return new Result.Unverified(Failure.INVALID_RESPONSE, "Duo refuses the code.");
    }
    if (tokenFault() || !grant.username().equals(username)) {
      return new Result.Unverified(Failure.INVALID_RESPONSE, "Duo's id token does not verify.");
    }
    return new Result.Verified(
        grant.username(),
        grant.allowed(),
        grant.allowed() ? "Login Successful" : "Login denied",
        UUID.randomUUID().toString(),
        "duo_push");
  }

  private URI answer(URI promptLocation, boolean approved) {
    String query = Objects.requireNonNullElse(promptLocation.getRawQuery(), "");
    Pending pending = prompts.remove(query.replaceFirst("^txn=", ""));
    if (pending == null) {
      throw new IllegalArgumentException("No such prompt: " + promptLocation);
    }
    String state = "&state=" + URLEncoder.encode(pending.state(), StandardCharsets.UTF_8);
    if (faults.contains(Fault.ERROR_REDIRECT)) {
      return URI.create(
          pending.redirectUri() + "?error=access_denied&error_description=Access+denied" + state);
    }
    String code = UUID.randomUUID().toString().replace("-", "");
    codes.put(
        code,
        new Grant(
            pending.clientId(),
            pending.username(),
            pending.redirectUri(),
            approved && !denied.contains(pending.username())));
    return URI.create(pending.redirectUri() + "?duo_code=" + code + state);
  }

  private boolean accepts(DuoConnection connection) {
    return connection != null
        && clientId.equals(connection.clientId())
        && clientSecret.equals(connection.clientSecret());
  }

  private Failure serviceFailure() {
    if (faults.contains(Fault.DOWN) || faults.contains(Fault.SLOW)) {
      return Failure.UNREACHABLE;
    }
    if (faults.contains(Fault.HTTP_500) || faults.contains(Fault.HTTP_503)) {
      return Failure.SERVICE_ERROR;
    }
    if (faults.contains(Fault.HTTP_429)) {
      return Failure.RATE_LIMITED;
    }
    if (faults.contains(Fault.HTTP_400)) {
      return Failure.REQUEST_REFUSED;
    }
    if (faults.contains(Fault.MALFORMED_JSON)) {
      return Failure.MALFORMED_ANSWER;
    }
    if (faults.contains(Fault.STAT_FAIL)) {
      return Failure.INVALID_CONFIGURATION;
    }
    return null;
  }

  private boolean tokenFault() {
    return faults.contains(Fault.BAD_SIGNATURE)
        || faults.contains(Fault.WRONG_ISS)
        || faults.contains(Fault.WRONG_AUD)
        || faults.contains(Fault.WRONG_USER)
        || faults.contains(Fault.EXPIRED);
  }

  private String faultNames() {
    return faults.toString();
  }
}
