package io.supportpro.bootstrap;

import io.supportpro.application.port.in.CreateOperatorCommand;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Password;
import java.nio.file.Path;
import java.util.Map;

/**
 * Sets the Duo Security plugin up in a panel's data directory, before the panel itself starts on
 * it, as the demo seeds its own: installed, active, configured, and enabled for a new operator.
 */
public final class DuoOperatorSetup {
  private DuoOperatorSetup() {}

  /** The plugin's settings for a Duo emulator, as the demo saves them. */
  public static Map<String, String> emulatorSettings(
      String clientId, String clientSecret, String apiHost, int proxyPort, String caPin) {
    return DuoEmulatorSetup.emulatorSettings(clientId, clientSecret, apiHost, proxyPort, caPin);
  }

  /**
   * Creates the operator with the password, and enables Duo for them with the settings, in the
   * embedded database of {@code dataDirectory}; {@code allowedHosts} as {@code
   * SUPPORTPRO_DUO_ALLOWED_HOSTS} lists them, which the panel must be given as well.
   */
  public static void enable(
      Path dataDirectory,
      String allowedHosts,
      Map<String, String> settings,
      String username,
      String password) {
    var config =
        Configuration.fromEnvironment(
            Map.of(
                Configuration.HOST,
                "127.0.0.1",
                Configuration.PORT,
                "0",
                Configuration.DATA_DIR,
                dataDirectory.toString(),
                Configuration.DUO_ALLOWED_HOSTS,
                allowedHosts));
    try (Application application = Application.serve(config)) {
      DuoEmulatorSetup.enableForNewOperator(
          application.services(),
          new CreateOperatorCommand(
              Actor.system("benchmark"),
              username,
              username + "@example.com",
              username,
              "operator",
              new Password(password)),
          settings);
    }
  }
}
