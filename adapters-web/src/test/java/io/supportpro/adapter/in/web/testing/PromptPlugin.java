package io.supportpro.adapter.in.web.testing;

import io.supportpro.adapter.in.web.testing.TestPlugins.Outcome;
import io.supportpro.application.port.out.ConnectionTest;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PromptMethod;
import io.supportpro.application.port.out.SecondFactorMethod;
import io.supportpro.application.port.out.StepOutcome;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.SettingDefinition;
import io.supportpro.domain.plugin.SettingDefinition.Kind;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.plugin.SettingsCheck;
import io.supportpro.domain.session.SessionToken;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A plugin whose second factor is a prompt at a tiny fake provider at {@value #HOST}. Starting the
 * step answers with the provider's address; the test, playing the browser there, {@link #approve
 * approves} or {@link #deny denies} it and gets the address the provider sends the browser back to,
 * with the state and a single-use code that the plugin then accepts for that operator and that
 * callback address only. The provider knows one client ({@value #KNOWN_CLIENT} with {@value
 * #KNOWN_SECRET}), and {@link #answer} scripts how it answers. The plugin keeps a callback path of
 * its own, as one whose provider already knows an address would.
 */
public final class PromptPlugin implements Plugin {
  public static final PluginId ID = new PluginId("example-prompt");
  public static final String NAME = "Example Prompt";
  public static final String HOST = "prompt.example.test";

  /** The plugin's own callback path; PromptMethod's constant of the same role is the shared one. */
  public static final String OWN_CALLBACK_PATH = "/example-prompt/callback";

  public static final String CLIENT_ID = "client_id";
  public static final String CLIENT_SECRET = "client_secret";
  public static final String FAIL_MODE = "fail_mode";

  /** What the plugin says saving its fail mode as open means. */
  public static final String FAIL_OPEN_CONSEQUENCE =
      "With fail open, operators sign in with their password only whenever Example Prompt cannot"
          + " be reached.";

  /** The client the provider knows. */
  public static final String KNOWN_CLIENT = "panel-client-01";

  /** The known client's secret. */
  public static final String KNOWN_SECRET = "prompt-secret-0123456789";

  public static final String DENIED =
      "Example Prompt denied this sign-in. If that was not you, tell an administrator.";
  public static final String NOT_VERIFIED =
      "Example Prompt's answer could not be verified, so your sign-in was not completed.";
  public static final String PROMPT_ERROR =
      "Example Prompt reported a problem and did not confirm your sign-in.";
  public static final String UNREACHABLE =
      "Example Prompt cannot be reached right now. Try again in a few minutes, or ask an"
          + " administrator.";
  public static final String CREDENTIALS_REJECTED =
      "Example Prompt refused the panel's credentials, so you cannot sign in. Ask an"
          + " administrator to check its settings.";
  public static final String TEST_ACCEPTED = "Example Prompt accepted these settings.";
  public static final String TEST_REFUSED =
      "Example Prompt refused these credentials. Check the client ID and the client secret.";
  public static final String TEST_NOT_REACHED =
      "Example Prompt could not be reached with these settings.";

  /** What a failure to reach the provider tells the server's log, and never a page. */
  public static final String NOT_REACHED_DETAIL = "connect " + HOST + ":443: connection refused";

  /** The steps the settings page shows; the quotes and the ampersand must arrive escaped. */
  public static final List<String> SETUP_STEPS =
      List.of(
          "Sign in to the Example Prompt console.",
          "Create an application of the kind \"Web & browser\".",
          "Copy its client ID and client secret into the fields below.");

  private static final PluginDescriptor DESCRIPTOR =
      new PluginDescriptor(
          ID,
          NAME,
          "Confirms operator sign-ins at Example Prompt instead of the built-in two-factor"
              + " authentication.",
          "1.0.0",
          "SupportPro",
          List.of(
              new SettingDefinition(
                  CLIENT_ID,
                  "Client ID",
                  "The client ID of the panel's application at Example Prompt.",
                  Kind.TEXT,
                  "",
                  List.of()),
              new SettingDefinition(
                  CLIENT_SECRET,
                  "Client secret",
                  "Shown once, when the application is created.",
                  Kind.SECRET,
                  "",
                  List.of()),
              new SettingDefinition(
                      FAIL_MODE,
                      "When Example Prompt cannot be reached",
                      "closed refuses the sign-in; open lets the password alone through.",
                      Kind.CHOICE,
                      "closed",
                      List.of("closed", "open"))
                  .confirming("open", FAIL_OPEN_CONSEQUENCE)),
          SETUP_STEPS);

  /** A prompt the provider showed: for whom, and where it sends the browser back to. */
  private record Authorization(String subject, URI callback) {}

  private final AtomicReference<Outcome> outcome = new AtomicReference<>(Outcome.ALLOW);
  private final Map<String, Authorization> authorizations = new ConcurrentHashMap<>();
  private final Map<String, Authorization> codes = new ConcurrentHashMap<>();
  private final AtomicReference<Map<String, String>> lastAnswer = new AtomicReference<>();
  private final AtomicReference<Hold> hold = new AtomicReference<>();
  private final Method method = new Method();
  private final Connection connection = new Connection();

  @Override
  public PluginDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public SettingsCheck check(Map<String, String> typed, Map<String, Boolean> secretSaved) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (!typed.getOrDefault(CLIENT_ID, "").matches("[a-z0-9-]{6,40}")) {
      problems.put(CLIENT_ID, "The client ID has 6 to 40 lower-case letters, digits and dashes.");
    }
    String secret = typed.getOrDefault(CLIENT_SECRET, "");
    boolean kept = secret.isEmpty() && secretSaved.getOrDefault(CLIENT_SECRET, false);
    if (!kept && secret.length() < 16) {
      problems.put(CLIENT_SECRET, "The client secret has at least 16 characters.");
    }
    return new SettingsCheck(problems, Map.of());
  }

  @Override
  public Optional<SecondFactorMethod> secondFactor() {
    return Optional.of(method);
  }

  @Override
  public Optional<ConnectionTest> connectionTest() {
    return Optional.of(connection);
  }

  /** How the provider answers from now on: to prompts, answers and connection tests alike. */
  public void answer(Outcome next) {
    outcome.set(next);
  }

  /** The operator approves at the prompt: the address the browser is sent back to. */
  public URI approve(URI prompt) {
    return approveAs(prompt, authorization(prompt).subject());
  }

  /**
   * The provider confirms someone other than the operator it was asked about, as a provider that
   * mixed up its users would.
   */
  public URI approveAs(URI prompt, String subject) {
    Authorization shown = authorization(prompt);
    String code = SessionToken.randomText();
    codes.put(code, new Authorization(subject, shown.callback()));
    return back(prompt, shown, Map.of("code", code));
  }

  /** The operator declines at the prompt: the provider sends the browser back with an error. */
  public URI deny(URI prompt) {
    return back(
        prompt,
        authorization(prompt),
        Map.of("error", "access_denied", "error_description", "Access denied"));
  }

  /**
   * Holds the next answer the plugin is given until the hold is released, so that a test can send a
   * request while another is half-way through a callback.
   */
  public Hold holdNextAnswer() {
    Hold next = new Hold();
    hold.set(next);
    return next;
  }

  /** An answer held in the plugin: reached once the plugin has it, released by the test. */
  public static final class Hold {
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /** Waits until the plugin holds an answer. */
    public void awaitReached() throws InterruptedException {
      if (!reached.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("no answer reached the plugin");
      }
    }

    /** Lets the held answer be checked. */
    public void release() {
      released.countDown();
    }

    private void pass() {
      reached.countDown();
      try {
        if (!released.await(10, TimeUnit.SECONDS)) {
          throw new AssertionError("the held answer was never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** What the browser last brought back, as the plugin was given it. */
  public Map<String, String> lastAnswer() {
    return lastAnswer.get();
  }

  private Authorization authorization(URI prompt) {
    Authorization shown = authorizations.get(parameter(prompt, "state"));
    if (shown == null) {
      throw new AssertionError("the provider showed no prompt at " + prompt);
    }
    return shown;
  }

  private static URI back(URI prompt, Authorization shown, Map<String, String> answer) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("state", parameter(prompt, "state"));
    query.putAll(answer);
    return URI.create(shown.callback() + "?" + encoded(query));
  }

  /** The decoded value of a query parameter of the address. */
  public static String parameter(URI address, String name) {
    for (String pair : address.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      if (parts[0].equals(name)) {
        return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + address);
  }

  private static String encoded(Map<String, String> query) {
    var text = new StringBuilder();
    query.forEach(
        (name, value) ->
            text.append(text.isEmpty() ? "" : "&")
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return text.toString();
  }

  private static String value(PluginSettings settings, String key) {
    return settings.get(key).map(SettingValue::value).orElse("");
  }

  /** Settings reach the plugin with the secret decrypted, or the provider does not know them. */
  private static boolean known(PluginSettings settings) {
    return value(settings, CLIENT_ID).equals(KNOWN_CLIENT)
        && value(settings, CLIENT_SECRET).equals(KNOWN_SECRET);
  }

  private static StepOutcome.Unavailable unreachable(PluginSettings settings) {
    return new StepOutcome.Unavailable(
        "unreachable", UNREACHABLE, NOT_REACHED_DETAIL, value(settings, FAIL_MODE).equals("open"));
  }

  /** The prompt step, over the fake provider. */
  private final class Method implements PromptMethod {
    @Override
    public String callbackPath() {
      return OWN_CALLBACK_PATH;
    }

    @Override
    public StepOutcome.Started start(
        PluginSettings settings, Operator operator, String state, URI callbackUri) {
      return switch (outcome.get()) {
        case UNAVAILABLE -> unreachable(settings);
        case DENY -> new StepOutcome.Refused("denied", DENIED, "turned away before the prompt");
        case ALLOW -> {
          if (!known(settings)) {
            yield new StepOutcome.Refused(
                "credentials_rejected",
                CREDENTIALS_REJECTED,
                "client " + value(settings, CLIENT_ID));
          }
          String subject = operator.username().value();
          authorizations.put(state, new Authorization(subject, callbackUri));
          Map<String, String> query = new LinkedHashMap<>();
          query.put("client_id", value(settings, CLIENT_ID));
          query.put("state", state);
          query.put("redirect_uri", callbackUri.toString());
          query.put("login_hint", subject);
          yield new StepOutcome.Prompt(
              URI.create("https://" + HOST + "/authorize?" + encoded(query)), subject);
        }
      };
    }

    @Override
    public StepOutcome.Checked complete(
        PluginSettings settings, Map<String, String> answer, String subject, URI callbackUri) {
      lastAnswer.set(Map.copyOf(answer));
      Hold held = hold.getAndSet(null);
      if (held != null) {
        held.pass();
      }
      return switch (outcome.get()) {
        case UNAVAILABLE -> unreachable(settings);
        case DENY ->
            new StepOutcome.Refused("denied", DENIED, "denied when the answer was checked");
        case ALLOW -> verified(settings, answer, subject, callbackUri);
      };
    }

    private StepOutcome.Checked verified(
        PluginSettings settings, Map<String, String> answer, String subject, URI callbackUri) {
      if (!known(settings)) {
        return new StepOutcome.Refused("credentials_rejected", CREDENTIALS_REJECTED, "");
      }
      if (answer.containsKey("error")) {
        return new StepOutcome.Refused("prompt_error", PROMPT_ERROR, answer.get("error"));
      }
      // Each code is redeemed once, and only for the address it was issued to.
      Authorization confirmed = codes.remove(answer.getOrDefault("code", ""));
      if (confirmed == null || !confirmed.callback().equals(callbackUri)) {
        return new StepOutcome.Refused("invalid_response", NOT_VERIFIED, "unknown code");
      }
      if (!confirmed.subject().equals(subject)) {
        return new StepOutcome.Refused(
            "wrong_user", NOT_VERIFIED, "confirmed " + confirmed.subject());
      }
      return new StepOutcome.Passed(Map.of("second_factor", ID.value()));
    }
  }

  /** The settings page's Test connection, against the fake provider. */
  private final class Connection implements ConnectionTest {
    @Override
    public ConnectionTest.Outcome test(PluginSettings settings, URI panelAddress) {
      return switch (outcome.get()) {
        case UNAVAILABLE ->
            new ConnectionTest.Outcome(false, "not_reached", TEST_NOT_REACHED, NOT_REACHED_DETAIL);
        case DENY -> new ConnectionTest.Outcome(false, "refused", TEST_REFUSED, "");
        case ALLOW ->
            known(settings)
                ? new ConnectionTest.Outcome(true, "accepted", TEST_ACCEPTED, "")
                : new ConnectionTest.Outcome(false, "refused", TEST_REFUSED, "");
      };
    }

    @Override
    public Map<String, String> audited(Map<String, String> typed) {
      return Map.of(CLIENT_ID, typed.getOrDefault(CLIENT_ID, ""));
    }
  }
}
