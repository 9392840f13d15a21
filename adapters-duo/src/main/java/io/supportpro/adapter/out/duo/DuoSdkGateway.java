package io.supportpro.adapter.out.duo;

import com.duosecurity.Client;
import com.duosecurity.exception.DuoException;
import com.duosecurity.model.AuthContext;
import com.duosecurity.model.AuthResult;
import com.duosecurity.model.Token;
import io.supportpro.adapter.out.duo.DuoErrors.Call;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link DuoGateway} over Duo's Universal Prompt SDK ({@code duo-universal-sdk} 1.3.1).
 *
 * <p>Every SDK failure, checked or not, becomes a {@link Failure}: the SDK also throws
 * NullPointerException for a non-2xx health answer and IllegalArgumentException for some hosts.
 * Duo's HTTP status is kept ({@link DuoClient}), so that an outage (network, timeout, 5xx) is told
 * apart from an answer that refuses the request (4xx, 429) or cannot be read. The SDK's {@code
 * Client} is built once per distinct {@link DuoConnection} and reused. Calls that go to Duo run on
 * a virtual thread and are given up after the gateway's timeout (OkHttp's own timeouts are 10 s and
 * cannot be set through the SDK); the prompt address needs no round trip.
 *
 * <p>Besides the SDK's checks of the id token (HS512 signature, issuer, audience, user, time with a
 * 60 s leeway), the gateway requires {@code exp}, {@code iat} and {@code auth_result.status}, and
 * that the user Duo names is exactly the one asked for.
 *
 * <p><b>Extra certificate pins.</b> The SDK pins the TLS chain to Duo's CAs, and its {@code
 * setCACerts} <em>replaces</em> that list. An operator behind a proxy that inspects TLS adds the
 * pin of the proxy's CA (and puts that CA in the JVM's trust store); the gateway then pins to Duo's
 * CAs <em>and</em> the extra pins, so that connections keep working whether or not the proxy
 * inspects them, and the extra pins never widen trust beyond what the operator named. The SDK keeps
 * its default pins private, so they are read from it rather than copied here; should a future SDK
 * hide them differently, the extra pins are used alone, which is still no weaker than what the
 * operator configured. With no extra pins the SDK's defaults apply unchanged.
 */
public final class DuoSdkGateway implements DuoGateway {
  /** How long a call to Duo may take by default: well under OkHttp's fixed 10 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** Clients for at most this many connections are kept; more is a sign of churn, so start over. */
  static final int MAX_CLIENTS = 16;

  static final int MAX_DETAIL = 200;
  static final int MAX_CODE = 512;

  private final Duration timeout;
  private final Optional<URI> promptBaseOverride;
  private final DuoHosts hosts;
  private final ConcurrentHashMap<DuoConnection, Built> clients = new ConcurrentHashMap<>();
  private final AtomicInteger clientsBuilt = new AtomicInteger();

  /**
   * @param timeout how long a call to Duo may take before it counts as {@link Failure#UNREACHABLE};
   *     between 100 ms and 60 s
   * @param promptBaseOverride when present, its scheme, host and port replace {@code
   *     https://{apiHost}} in the Universal Prompt address, for a local emulator whose API host a
   *     browser cannot resolve; the SDK's own calls to Duo are unchanged. Empty in production.
   * @param hosts the only hosts the gateway connects to, as API host or proxy; a connection naming
   *     another is refused as {@link Failure#INVALID_CONFIGURATION} without any network traffic
   */
  public DuoSdkGateway(Duration timeout, Optional<URI> promptBaseOverride, DuoHosts hosts) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(promptBaseOverride, "promptBaseOverride");
    Objects.requireNonNull(hosts, "hosts");
    if (timeout.compareTo(Duration.ofMillis(100)) < 0
        || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
      throw new IllegalArgumentException("The Duo timeout is between 100 ms and 60 s.");
    }
    promptBaseOverride.ifPresent(DuoSdkGateway::requireBase);
    this.timeout = timeout;
    this.promptBaseOverride = promptBaseOverride;
    this.hosts = hosts;
  }

  /**
   * The production gateway: {@link #DEFAULT_TIMEOUT} and the real prompt address, connecting to
   * Duo's hosts and {@code hosts} only.
   */
  public static DuoSdkGateway withDefaults(DuoHosts hosts) {
    return new DuoSdkGateway(DEFAULT_TIMEOUT, Optional.empty(), hosts);
  }

  @Override
  public Health healthCheck(DuoConnection connection) {
    return switch (client(connection)) {
      case Refused refused -> new Health.Unavailable(refused.failure(), refused.detail());
      case Ready ready ->
          switch (timed(ready.client()::healthCheck)) {
            case Done<?> done -> new Health.Available();
            case Problem<?> problem ->
                new Health.Unavailable(
                    problem.failure(Call.HEALTH_CHECK),
                    problem.detail(Call.HEALTH_CHECK, connection));
          };
    };
  }

  @Override
  public Prompt prompt(DuoConnection connection, String username, String state) {
    if (username == null || username.isBlank()) {
      return new Prompt.Unavailable(Failure.INVALID_CONFIGURATION, "No username to send to Duo.");
    }
    if (state == null || state.length() < 22 || state.length() > 1024) {
      return new Prompt.Unavailable(
          Failure.INVALID_CONFIGURATION, "The state must have 22 to 1024 characters.");
    }
    return switch (client(connection)) {
      case Refused refused -> new Prompt.Unavailable(refused.failure(), refused.detail());
      case Ready ready -> {
        try {
          // No round trip: the SDK only signs a request for the browser to carry to Duo.
          String address = ready.client().createAuthUrl(username, state);
          yield new Prompt.Redirect(rebase(URI.create(address), connection.apiHost()));
        } catch (DuoException | RuntimeException e) {
          var problem = new Problem<>(e);
          yield new Prompt.Unavailable(
              problem.failure(Call.PROMPT), problem.detail(Call.PROMPT, connection));
        }
      }
    };
  }

  @Override
  public Result exchange(DuoConnection connection, String code, String username) {
    if (code == null || code.isBlank() || code.length() > MAX_CODE || !printable(code)) {
      return new Result.Unverified(
          Failure.INVALID_RESPONSE, "The code from the browser is missing or malformed.");
    }
    if (username == null || username.isBlank()) {
      return new Result.Unverified(Failure.INVALID_CONFIGURATION, "No username to verify.");
    }
    return switch (client(connection)) {
      case Refused refused -> new Result.Unverified(refused.failure(), refused.detail());
      case Ready ready ->
          switch (timed(
              () -> ready.client().exchangeAuthorizationCodeFor2FAResult(code, username))) {
            case Done<Token> done -> verified(done.value(), username, connection);
            case Problem<Token> problem ->
                new Result.Unverified(
                    problem.failure(Call.EXCHANGE), problem.detail(Call.EXCHANGE, connection));
          };
    };
  }

  /** How many SDK clients this gateway has built, to check that they are reused. */
  int clientsBuilt() {
    return clientsBuilt.get();
  }

  /** How many connections have a client (or a refusal) cached now. */
  int clientsCached() {
    return clients.size();
  }

  /** The application's own checks of a token the SDK verified, which the SDK leaves out. */
  static Result verified(Token token, String username, DuoConnection connection) {
    if (token == null) {
      return new Result.Unverified(Failure.SERVICE_ERROR, "Duo sent no token.");
    }
    if (!username.equals(token.getPreferred_username())) {
      return new Result.Unverified(
          Failure.INVALID_RESPONSE, "Duo's answer is for another user than the one asked for.");
    }
    if (token.getExp() == null || token.getIat() == null) {
      return new Result.Unverified(
          Failure.INVALID_RESPONSE, "Duo's id token has no expiry or issue time.");
    }
    AuthResult result = token.getAuth_result();
    if (result == null || result.getStatus() == null) {
      return new Result.Unverified(
          Failure.INVALID_RESPONSE, "Duo's id token has no auth_result.status.");
    }
    boolean allowed =
        "allow".equals(result.getStatus())
            && (result.getResult() == null || "allow".equals(result.getResult()));
    AuthContext context = token.getAuth_context();
    return new Result.Verified(
        token.getPreferred_username(),
        allowed,
        detail(Objects.requireNonNullElse(result.getStatus_msg(), ""), connection),
        context == null
            ? ""
            : detail(Objects.requireNonNullElse(context.getTxid(), ""), connection),
        context == null
            ? ""
            : detail(Objects.requireNonNullElse(context.getFactor(), ""), connection));
  }

  // --- SDK clients, one per connection ---

  private sealed interface Built permits Ready, Refused {}

  private record Ready(Client client) implements Built {}

  private record Refused(Failure failure, String detail) implements Built {}

  private Built client(DuoConnection connection) {
    if (connection == null) {
      return new Refused(Failure.INVALID_CONFIGURATION, "No Duo connection is configured.");
    }
    Built built = clients.get(connection);
    if (built != null) {
      return built;
    }
    if (clients.size() >= MAX_CLIENTS) {
      clients.clear();
    }
    return clients.computeIfAbsent(connection, this::build);
  }

  private Built build(DuoConnection connection) {
    Optional<String> problem = ConnectionCheck.problem(connection, hosts);
    if (problem.isPresent()) {
      return new Refused(Failure.INVALID_CONFIGURATION, problem.get());
    }
    clientsBuilt.incrementAndGet();
    try {
      return new Ready(
          new DuoClient(
              connection.clientId(),
              connection.clientSecret(),
              connection.apiHost(),
              connection.redirectUri().toString(),
              connection.proxy().map(DuoConnection.Proxy::host).orElse(null),
              connection.proxy().map(DuoConnection.Proxy::port).orElse(null),
              DuoPins.withExtra(connection.extraCertificatePins())));
    } catch (DuoException | RuntimeException e) {
      return new Refused(
          Failure.INVALID_CONFIGURATION,
          detail("The Duo client cannot be set up: " + summary(e), connection));
    }
  }

  // --- calls with a deadline ---

  private interface SdkCall<T> {
    T call() throws DuoException;
  }

  private sealed interface Attempt<T> permits Done, Problem {}

  private record Done<T>(T value) implements Attempt<T> {}

  /** A failed call: {@code thrown} is null when the call did not finish in time. */
  private record Problem<T>(Throwable thrown) implements Attempt<T> {
    Failure failure(Call call) {
      return DuoErrors.failure(call, thrown);
    }

    String detail(Call call, DuoConnection connection) {
      return DuoSdkGateway.detail(DuoErrors.detail(call, thrown), connection);
    }
  }

  private <T> Attempt<T> timed(SdkCall<T> call) {
    var result = new CompletableFuture<T>();
    Thread worker =
        Thread.ofVirtual()
            .name("duo-call")
            .start(
                () -> {
                  try {
                    result.complete(call.call());
                  } catch (Throwable t) {
                    result.completeExceptionally(t);
                  }
                });
    try {
      return new Done<>(result.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      // Interrupting a virtual thread closes the socket it waits on, so OkHttp gives up too.
      worker.interrupt();
      return new Problem<>(null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      return new Problem<>(e.getCause());
    } catch (InterruptedException e) {
      worker.interrupt();
      Thread.currentThread().interrupt();
      return new Problem<>(new InterruptedIOException("interrupted while waiting for Duo"));
    }
  }

  // --- prompt address ---

  private URI rebase(URI address, String apiHost) {
    if (promptBaseOverride.isEmpty()) {
      return address;
    }
    String text = address.toString();
    String prefix = "https://" + apiHost;
    if (!text.startsWith(prefix + "/")) {
      throw new IllegalStateException("the prompt address does not start with " + prefix);
    }
    URI base = promptBaseOverride.get();
    return URI.create(
        base.getScheme() + "://" + base.getRawAuthority() + text.substring(prefix.length()));
  }

  private static void requireBase(URI base) {
    boolean web = "http".equals(base.getScheme()) || "https".equals(base.getScheme());
    String path = base.getRawPath();
    if (!web
        || base.getHost() == null
        || base.getRawUserInfo() != null
        || (path != null && !path.isEmpty() && !"/".equals(path))
        || base.getRawQuery() != null
        || base.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "A prompt base is an http or https scheme, host and port only, such as"
              + " http://127.0.0.1:8443.");
    }
  }

  // --- details ---

  private static boolean printable(String text) {
    return text.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  private static String summary(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** One short line for logs and administrators, with the secret cut out should it ever appear. */
  static String detail(String text, DuoConnection connection) {
    String line = text == null ? "" : text;
    if (connection != null && !connection.clientSecret().isEmpty()) {
      line = line.replace(connection.clientSecret(), "[secret]");
    }
    line = line.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").replaceAll("\\s{2,}", " ").strip();
    if (line.length() > MAX_DETAIL) {
      line = line.substring(0, MAX_DETAIL - 1) + "…";
    }
    return line;
  }
}
