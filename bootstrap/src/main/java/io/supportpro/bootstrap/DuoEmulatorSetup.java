package io.supportpro.bootstrap;

import io.supportpro.adapter.out.duo.DuoSecurityPlugin;
import io.supportpro.adapter.out.duo.DuoSettings;
import io.supportpro.adapter.out.duo.emulator.DuoEmulator;
import io.supportpro.application.port.in.CreateOperatorCommand;
import io.supportpro.application.port.in.CreateOperatorResult;
import io.supportpro.application.port.in.PluginCommand;
import io.supportpro.application.port.in.PluginOperatorCommand;
import io.supportpro.application.port.in.PluginOperatorResult;
import io.supportpro.application.port.in.SavePluginSettingsCommand;
import io.supportpro.application.port.in.SavePluginSettingsResult;
import io.supportpro.domain.operator.Operator;
import java.util.Map;

/**
 * Sets the Duo Security plugin up through the panel's services for a new operator against a Duo
 * emulator, as the demo seeds it: installed, active, configured, and enabled for them.
 */
final class DuoEmulatorSetup {
  private DuoEmulatorSetup() {}

  /**
   * The plugin's settings for this emulator, as {@link #emulatorSettings(String, String, String,
   * int, String)} gives them.
   */
  static Map<String, String> emulatorSettings(DuoEmulator emulator) {
    return emulatorSettings(
        emulator.clientId(),
        emulator.clientSecret(),
        emulator.apiHost(),
        emulator.proxyPort(),
        emulator.caCertificatePin());
  }

  /**
   * The plugin's settings for an emulator reached through its proxy: failing closed, Duo's user
   * named by the panel's username, the emulator's certificate authority pinned.
   */
  static Map<String, String> emulatorSettings(
      String clientId, String clientSecret, String apiHost, int proxyPort, String caPin) {
    return Map.of(
        DuoSettings.CLIENT_ID,
        clientId,
        DuoSettings.CLIENT_SECRET,
        clientSecret,
        DuoSettings.API_HOSTNAME,
        apiHost,
        DuoSettings.FAIL_MODE,
        "closed",
        DuoSettings.USERNAME_SOURCE,
        "username",
        DuoSettings.PROXY_HOST,
        DuoEmulator.PROXY_HOST,
        DuoSettings.PROXY_PORT,
        Integer.toString(proxyPort),
        DuoSettings.CERTIFICATE_PINS,
        caPin);
  }

  /**
   * Creates the operator, installs and activates the plugin, saves the settings and enables the
   * plugin for the operator, all as the command's actor.
   *
   * @throws IllegalStateException when a step is refused
   */
  static void enableForNewOperator(
      Services services, CreateOperatorCommand operator, Map<String, String> settings) {
    var created = services.createOperator().create(operator);
    if (!(created instanceof CreateOperatorResult.Created(Operator createdOperator))) {
      throw new IllegalStateException("The operator could not be created: " + created);
    }
    var plugin = new PluginCommand(operator.actor(), DuoSecurityPlugin.ID);
    services.plugins().install(plugin);
    services.plugins().activate(plugin);
    var saved =
        services
            .pluginSettings()
            .save(new SavePluginSettingsCommand(operator.actor(), DuoSecurityPlugin.ID, settings));
    if (!(saved instanceof SavePluginSettingsResult.Saved)) {
      throw new IllegalStateException("Duo could not be configured: " + saved);
    }
    var enabled =
        services
            .pluginOperators()
            .set(
                new PluginOperatorCommand(
                    operator.actor(), DuoSecurityPlugin.ID, createdOperator.id(), true));
    if (!(enabled instanceof PluginOperatorResult.Changed)) {
      throw new IllegalStateException("Duo could not be enabled: " + enabled);
    }
  }
}
