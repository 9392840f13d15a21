package io.supportpro.bootstrap;

import io.supportpro.adapter.out.duo.DuoSecurityPlugin;
import io.supportpro.application.port.in.CreateOperatorCommand;
import io.supportpro.application.port.in.CreateOperatorResult;
import io.supportpro.application.port.in.PluginCommand;
import io.supportpro.application.port.in.PluginOperatorCommand;
import io.supportpro.application.port.in.PluginOperatorResult;
import io.supportpro.application.port.in.SavePluginSettingsCommand;
import io.supportpro.application.port.in.SavePluginSettingsResult;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import java.nio.file.Path;
import java.util.Map;

/**
 * Sets the Duo Security plugin up in a panel's data directory, before the panel itself starts on
 * it, as the demo seeds its own: installed, active, configured, and enabled for a new operator.
 */
public final class DuoOperatorSetup {
  private DuoOperatorSetup() {}

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
      Services services = application.services();
      Actor setup = Actor.system("benchmark");
      var created =
          services
              .createOperator()
              .create(
                  new CreateOperatorCommand(
                      setup,
                      username,
                      username + "@example.com",
                      username,
                      "operator",
                      new Password(password)));
      if (!(created instanceof CreateOperatorResult.Created(Operator operator))) {
        throw new IllegalStateException("The Duo operator could not be created: " + created);
      }
      var plugin = new PluginCommand(setup, DuoSecurityPlugin.ID);
      services.plugins().install(plugin);
      services.plugins().activate(plugin);
      var saved =
          services
              .pluginSettings()
              .save(new SavePluginSettingsCommand(setup, DuoSecurityPlugin.ID, settings));
      if (!(saved instanceof SavePluginSettingsResult.Saved)) {
        throw new IllegalStateException("Duo could not be configured: " + saved);
      }
      var enabled =
          services
              .pluginOperators()
              .set(new PluginOperatorCommand(setup, DuoSecurityPlugin.ID, operator.id(), true));
      if (!(enabled instanceof PluginOperatorResult.Changed)) {
        throw new IllegalStateException("Duo could not be enabled: " + enabled);
      }
    }
  }
}
