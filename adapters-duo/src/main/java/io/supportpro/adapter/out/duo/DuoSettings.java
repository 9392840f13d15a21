package io.supportpro.adapter.out.duo;

import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.SettingDefinition;
import io.supportpro.domain.plugin.SettingDefinition.Kind;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.plugin.SettingsCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Duo Security plugin's settings: the credentials of the Duo application, what happens when Duo
 * cannot be reached, which name is sent to Duo, and the outbound connection options.
 */
public record DuoSettings(
    String clientId,
    String clientSecret,
    String apiHostname,
    FailMode failMode,
    UsernameSource usernameSource,
    Optional<String> proxyHost,
    OptionalInt proxyPort,
    List<String> certificatePins) {

  public static final String CLIENT_ID = "client_id";
  public static final String CLIENT_SECRET = "client_secret";
  public static final String API_HOSTNAME = "api_hostname";
  public static final String FAIL_MODE = "fail_mode";
  public static final String USERNAME_SOURCE = "username_source";
  public static final String PROXY_HOST = "proxy_host";
  public static final String PROXY_PORT = "proxy_port";
  public static final String CERTIFICATE_PINS = "certificate_pins";

  // Every text a setting shows is a key of the plugin's bundle under this prefix.
  private static final String WORDS = "duo-security.";

  /**
   * The settings as the plugin declares them, in the order the settings page shows them: the three
   * values every deployment copies from the Duo Admin Panel first, then the fail mode, then what
   * only some deployments change (the name sent to Duo and the outbound connection options).
   */
  public static final List<SettingDefinition> DEFINITIONS =
      List.of(
          text(CLIENT_ID).asRequired(),
          new SettingDefinition(
                  CLIENT_SECRET,
                  label(CLIENT_SECRET),
                  help(CLIENT_SECRET),
                  Kind.SECRET,
                  "",
                  List.of())
              .asRequired(),
          // Hosts other than Duo's are named only in the error that refuses them, so that a
          // listed host (such as a local emulator) is not met with a warning it cannot act on.
          text(API_HOSTNAME).asRequired(),
          choice(FAIL_MODE, "closed", List.of("closed", "open"))
              .confirming("open", WORDS + FAIL_MODE + ".open.consequence"),
          choice(USERNAME_SOURCE, "username", List.of("username", "email")).asAdvanced(),
          text(PROXY_HOST).asAdvanced(),
          new SettingDefinition(
                  PROXY_PORT, label(PROXY_PORT), help(PROXY_PORT), Kind.NUMBER, "", List.of())
              .asAdvanced(),
          text(CERTIFICATE_PINS).asAdvanced());

  // Duo issues client IDs starting with DI (SI for some older applications); the SDK refuses
  // others.
  private static final Pattern CLIENT_ID_SHAPE = Pattern.compile("[DS]I[A-Za-z0-9]{18}");
  private static final Pattern CLIENT_SECRET_SHAPE = Pattern.compile("[A-Za-z0-9]{40}");
  // Matched before lower-casing, ASCII letters in either case: lower-casing first would let
  // look-alikes through (the Kelvin sign becomes k).
  private static final Pattern HOSTNAME =
      Pattern.compile(
          "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern PIN = Pattern.compile("sha256/[A-Za-z0-9+/]{43}=");

  /** Which of the operator's names Duo knows them by. */
  public enum UsernameSource {
    USERNAME,
    EMAIL
  }

  public DuoSettings {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(apiHostname, "apiHostname");
    Objects.requireNonNull(failMode, "failMode");
    Objects.requireNonNull(usernameSource, "usernameSource");
    Objects.requireNonNull(proxyHost, "proxyHost");
    Objects.requireNonNull(proxyPort, "proxyPort");
    certificatePins = List.copyOf(certificatePins);
  }

  @Override
  public String toString() {
    return "DuoSettings[clientId=%s, apiHostname=%s, failMode=%s, usernameSource=%s, proxy=%s:%s]"
        .formatted(clientId, apiHostname, failMode, usernameSource, proxyHost, proxyPort);
  }

  private static SettingDefinition text(String key) {
    return new SettingDefinition(key, label(key), help(key), Kind.TEXT, "", List.of());
  }

  /** A choice setting, each choice named and described under its own keys. */
  private static SettingDefinition choice(String key, String defaultValue, List<String> choices) {
    SettingDefinition setting =
        new SettingDefinition(key, label(key), help(key), Kind.CHOICE, defaultValue, choices);
    for (String choice : choices) {
      String prefix = WORDS + key + "." + choice;
      setting = setting.describing(choice, prefix + ".label", prefix + ".description");
    }
    return setting;
  }

  private static String label(String key) {
    return WORDS + key + ".label";
  }

  private static String help(String key) {
    return WORDS + key + ".help";
  }

  /** The key of a problem with a setting in the plugin's bundle. */
  private static String problem(String key) {
    return WORDS + "check." + key;
  }

  /**
   * Checks settings as typed, and that the panel may connect where they point: the API hostname is
   * one of Duo's or listed in {@code hosts}, and so is a proxy host. {@code secretSaved} tells
   * whether a client secret is already stored, so that leaving the field empty keeps it.
   */
  public static SettingsCheck check(
      Map<String, String> typed, boolean secretSaved, DuoHosts hosts) {
    Objects.requireNonNull(hosts, "hosts");
    SettingsCheck form = check(typed, secretSaved);
    Map<String, String> problems = new TreeMap<>();
    String host = typed.getOrDefault(API_HOSTNAME, "").strip();
    if (!form.problems().containsKey(API_HOSTNAME) && !hosts.allowsApiHost(host)) {
      problems.put(API_HOSTNAME, problem(API_HOSTNAME + ".not-allowed"));
    }
    String proxyHost = typed.getOrDefault(PROXY_HOST, "").strip();
    if (!proxyHost.isEmpty()
        && !form.problems().containsKey(PROXY_HOST)
        && !hosts.allowsProxy(proxyHost)) {
      problems.put(PROXY_HOST, problem(PROXY_HOST + ".not-allowed"));
    }
    return form.and(new SettingsCheck(problems, Map.of()));
  }

  /**
   * Checks the form of settings as typed, wherever they point. {@code secretSaved} tells whether a
   * client secret is already stored, so that leaving the field empty keeps it.
   */
  public static SettingsCheck check(Map<String, String> typed, boolean secretSaved) {
    Map<String, String> problems = new TreeMap<>();
    String clientId = typed.getOrDefault(CLIENT_ID, "").strip();
    if (!CLIENT_ID_SHAPE.matcher(clientId).matches()) {
      problems.put(CLIENT_ID, problem(CLIENT_ID));
    }
    String secret = typed.getOrDefault(CLIENT_SECRET, "");
    if (secret.isEmpty() ? !secretSaved : !CLIENT_SECRET_SHAPE.matcher(secret).matches()) {
      problems.put(CLIENT_SECRET, problem(CLIENT_SECRET));
    }
    String host = typed.getOrDefault(API_HOSTNAME, "").strip();
    if (!HOSTNAME.matcher(host).matches()) {
      problems.put(API_HOSTNAME, problem(API_HOSTNAME));
    }
    // parse() reads these; an unknown value must stop it here rather than throw there.
    for (SettingDefinition setting : DEFINITIONS) {
      if (setting.kind() == Kind.CHOICE
          && !setting
              .choices()
              .contains(typed.getOrDefault(setting.key(), setting.defaultValue()))) {
        problems.put(setting.key(), problem(setting.key()));
      }
    }
    String proxyHost = typed.getOrDefault(PROXY_HOST, "").strip();
    String proxyPort = typed.getOrDefault(PROXY_PORT, "").strip();
    if (!proxyHost.isEmpty() && !HOSTNAME.matcher(proxyHost).matches()) {
      problems.put(PROXY_HOST, problem(PROXY_HOST));
    }
    if (!proxyHost.isEmpty() && port(proxyPort).isEmpty()) {
      problems.put(PROXY_PORT, problem(PROXY_PORT));
    } else if (proxyHost.isEmpty() && !proxyPort.isEmpty()) {
      problems.put(PROXY_PORT, problem(PROXY_PORT + ".without-host"));
    }
    if (pins(typed.getOrDefault(CERTIFICATE_PINS, "")).stream()
        .anyMatch(p -> !PIN.matcher(p).matches())) {
      problems.put(CERTIFICATE_PINS, problem(CERTIFICATE_PINS));
    }
    return new SettingsCheck(problems, Map.of());
  }

  /**
   * The settings from what is saved, the secret already decrypted; empty while a required one is
   * missing or unusable (the plugin is not configured yet).
   */
  public static Optional<DuoSettings> from(PluginSettings saved) {
    Map<String, String> values = new TreeMap<>();
    saved.values().forEach((key, value) -> values.put(key, value.secret() ? "" : value.value()));
    Optional<SettingValue> secret = saved.get(CLIENT_SECRET).filter(SettingValue::secret);
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    return parse(values, secret.get().value());
  }

  /**
   * The settings from plain values (as typed or as saved) and the client secret in clear; empty
   * when they do not pass {@link #check}.
   */
  public static Optional<DuoSettings> parse(Map<String, String> values, String clientSecret) {
    Map<String, String> typed = new TreeMap<>(values);
    typed.put(CLIENT_SECRET, clientSecret);
    typed.putIfAbsent(FAIL_MODE, "closed");
    typed.putIfAbsent(USERNAME_SOURCE, "username");
    if (!check(typed, false).acceptable()) {
      return Optional.empty();
    }
    String proxyHost = typed.getOrDefault(PROXY_HOST, "").strip().toLowerCase(Locale.ROOT);
    return Optional.of(
        new DuoSettings(
            typed.get(CLIENT_ID).strip(),
            clientSecret,
            typed.get(API_HOSTNAME).strip().toLowerCase(Locale.ROOT),
            FailMode.parse(typed.get(FAIL_MODE)),
            UsernameSource.valueOf(typed.get(USERNAME_SOURCE).toUpperCase(Locale.ROOT)),
            proxyHost.isEmpty() ? Optional.empty() : Optional.of(proxyHost),
            proxyHost.isEmpty() ? OptionalInt.empty() : port(typed.get(PROXY_PORT).strip()),
            pins(typed.getOrDefault(CERTIFICATE_PINS, ""))));
  }

  private static OptionalInt port(String text) {
    if (text != null && text.matches("\\d{1,5}")) {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65_535) {
        return OptionalInt.of(port);
      }
    }
    return OptionalInt.empty();
  }

  private static List<String> pins(String text) {
    return Arrays.stream(text.split("[\\s,]+")).filter(p -> !p.isEmpty()).toList();
  }
}
