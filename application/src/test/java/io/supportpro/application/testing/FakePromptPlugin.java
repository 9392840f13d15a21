package io.supportpro.application.testing;

import io.supportpro.application.port.out.ConnectionTest;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PromptMethod;
import io.supportpro.application.port.out.SecondFactorMethod;
import io.supportpro.application.port.out.SecretCipher;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A plugin whose second factor is a prompt at a provider kept in memory, which tests steer (up or
 * down, how it answers) and watch (what the panel asked it), with settings it checks and a
 * connection test.
 */
public final class FakePromptPlugin implements Plugin {
  /** The plugin's id, as the domain's fixtures name a plugin's prompt. */
  public static final PluginId ID = new PluginId("example-prompt");

  /** The key of the client id setting: letters and digits the provider gave. */
  public static final String CLIENT_ID = "client_id";

  /** The key of the client secret setting, which the provider checks. */
  public static final String CLIENT_SECRET = "client_secret";

  /** The key of the provider's host setting, one of the hosts the server allows. */
  public static final String PROMPT_HOST = "prompt_host";

  /** The key of the provider's port setting: a number, or empty for the usual one. */
  public static final String PROMPT_PORT = "prompt_port";

  /**
   * The key of the fail mode setting: {@code open} lets operators in while the provider is down.
   */
  public static final String FAIL_MODE = "fail_mode";

  /** The client id the provider knows. */
  public static final String CLIENT = "EXAMPLE0123456789";

  /** The client secret the provider knows. */
  public static final String SECRET = "prompt-secret-0123456789-abcdefghij";

  /** The provider's host, the only one the server allows unless a test says otherwise. */
  public static final String HOST = "prompt.example.test";

  // What the method and the connection test tell people, for tests to recognise.
  public static final String NOT_CONFIGURED =
      "The prompt is not set up completely. Ask an administrator.";
  public static final String CREDENTIALS_REJECTED = "The prompt rejected the panel's credentials.";
  public static final String UNAVAILABLE = "The prompt cannot be reached right now.";
  public static final String TURNED_AWAY =
      "The prompt is turning the panel's requests away for now.";
  public static final String PROMPT_ERROR =
      "The prompt reported a problem and did not confirm you.";
  public static final String NOT_VERIFIED = "The prompt's answer could not be verified.";
  public static final String DENIED = "The prompt denied this sign-in.";
  public static final String TEST_ACCEPTED = "The provider accepted these settings.";
  public static final String TEST_REFUSED = "The provider refused these credentials.";
  public static final String TEST_NOT_REACHED =
      "The provider could not be reached with these settings.";

  private static final Pattern CLIENT_SHAPE = Pattern.compile("[A-Za-z0-9]{10,40}");
  private static final Pattern HOST_SHAPE = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");

  /** How the provider answers a request before the browser is sent to it. */
  public enum Provider {
    /** It answers. */
    UP,
    /** It cannot be reached: an outage, when the fail mode may let operators in. */
    DOWN,
    /** It turns requests away: unavailable too, but never a reason to let anyone in. */
    TURNING_AWAY
  }

  /** How the provider answers when the panel verifies what the browser brought back. */
  public enum Answer {
    /** It confirms the operator it was asked about. */
    ALLOW,
    /** It says the operator denied the sign-in. */
    DENY,
    /** It cannot be reached; it claims the fail mode's leniency, which must not help now. */
    UNAVAILABLE,
    /** It confirms someone else than the operator it was asked about. */
    OTHER_USER
  }

  /** What the browser brings back from the prompt: the state and the rest of the query. */
  public record Callback(String state, Map<String, String> answer) {
    public Callback {
      Objects.requireNonNull(state, "state");
      answer = Map.copyOf(answer);
    }

    /** The same callback with another state. */
    public Callback withState(String other) {
      return new Callback(other, answer);
    }

    /** The same callback with one parameter set to a value. */
    public Callback with(String parameter, String value) {
      Map<String, String> changed = new HashMap<>(answer);
      changed.put(parameter, value);
      return new Callback(state, changed);
    }
  }

  /** A prompt the panel asked for. */
  public record Start(PluginSettings settings, Operator operator, String state, URI callbackUri) {}

  /** An answer the panel asked to verify. */
  public record Complete(
      PluginSettings settings, Map<String, String> answer, String subject, URI callbackUri) {}

  /** Settings that the connection test tried, and the panel's address it was given. */
  public record Tried(PluginSettings settings, URI panelAddress) {}

  private final PluginDescriptor descriptor;
  private final Method method = new Method();
  private final Test test = new Test();
  // The user each code the provider issued confirms, until it is used.
  private final Map<String, String> issued = new ConcurrentHashMap<>();
  private final AtomicInteger transactions = new AtomicInteger();
  private final List<Start> starts = new CopyOnWriteArrayList<>();
  private final List<Complete> completes = new CopyOnWriteArrayList<>();
  private final List<Tried> tried = new CopyOnWriteArrayList<>();
  private volatile Set<String> allowedHosts = Set.of(HOST);
  private volatile String callbackPath = PromptMethod.CALLBACK_PATH;
  private volatile Provider provider = Provider.UP;
  private volatile Answer answer = Answer.ALLOW;
  private volatile Runnable duringStart = () -> {};
  private volatile Runnable duringComplete = () -> {};

  /** The example prompt plugin. */
  public FakePromptPlugin() {
    this(ID, "Example prompt");
  }

  /** Another prompt plugin, under its own id and name. */
  public FakePromptPlugin(PluginId id, String name) {
    descriptor =
        new PluginDescriptor(
            id,
            name,
            "Confirms sign-ins at a prompt elsewhere.",
            "1.0.0",
            "Example",
            List.of(
                new SettingDefinition(
                    CLIENT_ID, "Client ID", "From the provider.", Kind.TEXT, "", List.of()),
                new SettingDefinition(
                    CLIENT_SECRET,
                    "Client secret",
                    "From the provider.",
                    Kind.SECRET,
                    "",
                    List.of()),
                new SettingDefinition(
                    PROMPT_HOST, "Host", "The provider's host.", Kind.TEXT, "", List.of()),
                new SettingDefinition(
                    PROMPT_PORT, "Port", "Empty for the usual one.", Kind.NUMBER, "", List.of()),
                new SettingDefinition(
                    FAIL_MODE,
                    "Fail mode",
                    "Whether operators sign in with the password only while the provider is down.",
                    Kind.CHOICE,
                    "closed",
                    List.of("closed", "open"))));
  }

  /** Complete settings as an administrator types them, to change at will. */
  public static Map<String, String> typed() {
    Map<String, String> typed = new HashMap<>();
    typed.put(CLIENT_ID, CLIENT);
    typed.put(CLIENT_SECRET, SECRET);
    typed.put(PROMPT_HOST, HOST);
    typed.put(PROMPT_PORT, "");
    typed.put(FAIL_MODE, "closed");
    return typed;
  }

  /** Complete settings as the settings page stores them, the secret encrypted by the cipher. */
  public static PluginSettings saved(SecretCipher cipher) {
    return new PluginSettings(
        Map.of(
            CLIENT_ID, new SettingValue(CLIENT, false),
            CLIENT_SECRET, new SettingValue(cipher.encrypt(SECRET), true),
            PROMPT_HOST, new SettingValue(HOST, false),
            PROMPT_PORT, new SettingValue("", false),
            FAIL_MODE, new SettingValue("closed", false)));
  }

  @Override
  public PluginDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public SettingsCheck check(Map<String, String> typed, Map<String, Boolean> secretSaved) {
    Map<String, String> problems = new TreeMap<>();
    if (!CLIENT_SHAPE.matcher(typed.getOrDefault(CLIENT_ID, "")).matches()) {
      problems.put(CLIENT_ID, "Enter the client ID: 10 to 40 letters and digits.");
    }
    String secret = typed.getOrDefault(CLIENT_SECRET, "");
    if (secret.isEmpty() && !secretSaved.getOrDefault(CLIENT_SECRET, false)) {
      problems.put(CLIENT_SECRET, "Enter the client secret.");
    } else if (!secret.isEmpty() && secret.length() < 20) {
      problems.put(CLIENT_SECRET, "A client secret has at least 20 characters.");
    }
    String host = typed.getOrDefault(PROMPT_HOST, "");
    if (!HOST_SHAPE.matcher(host).matches()) {
      problems.put(PROMPT_HOST, "Enter a host name only, without a scheme, port or path.");
    } else if (!allowedHosts.contains(host)) {
      problems.put(PROMPT_HOST, "This server does not allow the host; it allows " + allowedHosts);
    }
    String port = typed.getOrDefault(PROMPT_PORT, "");
    // Whether it is a number at all is the definition's check.
    if (port.matches("\\d{1,9}") && !between(Integer.parseInt(port), 1, 65535)) {
      problems.put(PROMPT_PORT, "A port is a number from 1 to 65535.");
    }
    return new SettingsCheck(problems, Map.of());
  }

  @Override
  public Optional<SecondFactorMethod> secondFactor() {
    return Optional.of(method);
  }

  @Override
  public Optional<ConnectionTest> connectionTest() {
    return Optional.of(test);
  }

  /** Allows only these hosts from now on, as a server whose configuration changed. */
  public void allowOnly(Set<String> hosts) {
    allowedHosts = Set.copyOf(hosts);
  }

  /** Has the provider send browsers back to this path instead of the panel's shared one. */
  public void sendBackTo(String path) {
    callbackPath = path;
  }

  /** How the provider answers from now on before the redirect (and to connection tests). */
  public void provider(Provider now) {
    provider = now;
  }

  /** How the provider answers from now on when an answer is verified. */
  public void answer(Answer now) {
    answer = now;
  }

  /** Runs while the panel waits for a prompt, after it was asked for. */
  public void duringStart(Runnable action) {
    duringStart = action;
  }

  /** Runs while the panel waits for an answer to be verified, before it is. */
  public void duringComplete(Runnable action) {
    duringComplete = action;
  }

  /** The prompts the panel asked for, oldest first. */
  public List<Start> starts() {
    return List.copyOf(starts);
  }

  /** The answers the panel asked to verify, oldest first. */
  public List<Complete> completes() {
    return List.copyOf(completes);
  }

  /** The settings connection tests tried, oldest first. */
  public List<Tried> tried() {
    return List.copyOf(tried);
  }

  /**
   * The operator approves at the prompt the browser was sent to: the provider issues a code, usable
   * once, for the user and state the address names, and sends the browser back with them.
   */
  public Callback approve(URI location) {
    Map<String, String> query = query(location);
    String code = SessionToken.randomText();
    issued.put(code, query.get("user"));
    return new Callback(query.get("state"), Map.of("code", code));
  }

  /** The operator declines at the prompt: the provider sends the browser back with an error. */
  public Callback decline(URI location) {
    return new Callback(
        query(location).get("state"),
        Map.of("error", "access_denied", "error_description", "The user declined."));
  }

  private Map<String, String> query(URI location) {
    if (!allowedHosts.contains(location.getHost()) || !location.getPath().equals("/authorize")) {
      throw new IllegalArgumentException("Not a prompt of this provider: " + location);
    }
    Map<String, String> query = new HashMap<>();
    for (String pair : location.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      query.put(decode(parts[0]), decode(parts.length > 1 ? parts[1] : ""));
    }
    return query;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static boolean between(int number, int lowest, int highest) {
    return number >= lowest && number <= highest;
  }

  private static String value(PluginSettings settings, String key) {
    return settings.get(key).map(SettingValue::value).orElse("");
  }

  private static boolean failOpen(PluginSettings settings) {
    return value(settings, FAIL_MODE).equals("open");
  }

  private static boolean knownClient(PluginSettings settings) {
    return value(settings, CLIENT_ID).equals(CLIENT)
        && value(settings, CLIENT_SECRET).equals(SECRET);
  }

  /** The prompt at the provider: what the panel drives through the SPI. */
  private final class Method implements PromptMethod {
    @Override
    public String callbackPath() {
      return callbackPath;
    }

    @Override
    public StepOutcome.Started start(
        PluginSettings settings, Operator operator, String state, URI callbackUri) {
      starts.add(new Start(settings, operator, state, callbackUri));
      duringStart.run();
      String host = value(settings, PROMPT_HOST);
      if (value(settings, CLIENT_ID).isEmpty()
          || value(settings, CLIENT_SECRET).isEmpty()
          || host.isEmpty()) {
        return new StepOutcome.Refused("not_configured", NOT_CONFIGURED, "");
      }
      switch (provider) {
        case DOWN -> {
          return new StepOutcome.Unavailable(
              "unreachable", UNAVAILABLE, "no answer from " + host, failOpen(settings));
        }
        case TURNING_AWAY -> {
          return new StepOutcome.Unavailable("rate_limited", TURNED_AWAY, "429", false);
        }
        case UP -> {
          // Answers below.
        }
      }
      if (!knownClient(settings)) {
        return new StepOutcome.Refused(
            "credentials_rejected",
            CREDENTIALS_REJECTED,
            "unknown client " + value(settings, CLIENT_ID));
      }
      String user = operator.username().value();
      String port = value(settings, PROMPT_PORT);
      URI location =
          URI.create(
              "https://%s/authorize?client_id=%s&state=%s&user=%s&redirect_uri=%s"
                  .formatted(
                      port.isEmpty() ? host : host + ":" + port,
                      encode(CLIENT),
                      encode(state),
                      encode(user),
                      encode(callbackUri.toString())));
      return new StepOutcome.Prompt(location, user);
    }

    @Override
    public StepOutcome.Checked complete(
        PluginSettings settings, Map<String, String> answered, String subject, URI callbackUri) {
      completes.add(new Complete(settings, answered, subject, callbackUri));
      duringComplete.run();
      String error = answered.getOrDefault("error", "");
      if (!error.isEmpty()) {
        return new StepOutcome.Refused(
            "prompt_error",
            PROMPT_ERROR,
            error + ": " + answered.getOrDefault("error_description", ""));
      }
      String confirmed = issued.remove(answered.getOrDefault("code", ""));
      if (confirmed == null) {
        return new StepOutcome.Refused("invalid_response", NOT_VERIFIED, "no code it issued");
      }
      if (!knownClient(settings)) {
        return new StepOutcome.Refused(
            "credentials_rejected",
            CREDENTIALS_REJECTED,
            "unknown client " + value(settings, CLIENT_ID));
      }
      switch (answer) {
        case UNAVAILABLE -> {
          return new StepOutcome.Unavailable(
              "unreachable", UNAVAILABLE, "no answer while verifying", failOpen(settings));
        }
        case DENY -> {
          return new StepOutcome.Refused("denied", DENIED, "the user denied it");
        }
        case OTHER_USER -> confirmed = "someone-else";
        case ALLOW -> {
          // Confirms whom the code was issued for.
        }
      }
      if (!confirmed.equals(subject)) {
        return new StepOutcome.Refused("wrong_user", NOT_VERIFIED, "confirmed " + confirmed);
      }
      return new StepOutcome.Passed(
          Map.of(
              "second_factor",
              descriptor.id().value(),
              "transaction",
              "txn-" + transactions.incrementAndGet()));
    }
  }

  /** Whether the provider answers with the settings, and what the audit log keeps of them. */
  private final class Test implements ConnectionTest {
    @Override
    public Outcome test(PluginSettings settings, URI panelAddress) {
      tried.add(new Tried(settings, panelAddress));
      if (provider != Provider.UP) {
        return new Outcome(
            false,
            "not_reached",
            TEST_NOT_REACHED,
            "no answer from " + value(settings, PROMPT_HOST));
      }
      if (!knownClient(settings)) {
        return new Outcome(
            false, "refused", TEST_REFUSED, "unknown client " + value(settings, CLIENT_ID));
      }
      return new Outcome(true, "accepted", TEST_ACCEPTED, "");
    }

    @Override
    public Map<String, String> audited(Map<String, String> typed) {
      return Map.of(
          CLIENT_ID, typed.getOrDefault(CLIENT_ID, ""),
          PROMPT_HOST, typed.getOrDefault(PROMPT_HOST, ""));
    }
  }
}
