package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.out.duo.DuoSecurityPlugin;
import io.supportpro.adapter.out.duo.DuoSettings;
import io.supportpro.application.port.in.PluginCommand;
import io.supportpro.application.port.in.PluginOperatorCommand;
import io.supportpro.application.port.in.PluginOperatorResult;
import io.supportpro.application.port.in.SavePluginSettingsCommand;
import io.supportpro.application.port.in.SavePluginSettingsResult;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Operator;
import java.util.HashMap;
import java.util.Map;

/**
 * The Duo Security plugin on a panel: its settings for the shared emulator, set up through the
 * services, and its settings as the settings form sends them.
 */
final class DuoSetup {
  /** The plugin's id, as its pages' addresses carry it. */
  static final String ID = DuoSecurityPlugin.ID.value();

  /** An API hostname under a Duo domain, which every panel allows. */
  static final String DUO_HOST = "api-1234abcd.duosecurity.com";

  private DuoSetup() {}

  /** The settings form's values for the shared emulator, with the given fail mode. */
  static Map<String, String> settings(String failMode) {
    Map<String, String> values =
        new HashMap<>(DuoEmulatorSetup.emulatorSettings(DuoEmulators.shared()));
    values.put(DuoSettings.FAIL_MODE, failMode);
    return values;
  }

  /** Settings as the form sends them: these credentials and host, no proxy and no pins. */
  static Map<String, String> formFields(
      String clientId, String clientSecret, String apiHostname, String failMode) {
    return SettingsForm.fields(
        Map.of(
            DuoSettings.CLIENT_ID,
            clientId,
            DuoSettings.CLIENT_SECRET,
            clientSecret,
            DuoSettings.API_HOSTNAME,
            apiHostname,
            DuoSettings.FAIL_MODE,
            failMode,
            DuoSettings.USERNAME_SOURCE,
            "username",
            DuoSettings.PROXY_HOST,
            "",
            DuoSettings.PROXY_PORT,
            "",
            DuoSettings.CERTIFICATE_PINS,
            ""));
  }

  /** Duo active and configured on the panel, with the fail mode, and enabled for the operators. */
  static void enable(Panel panel, String failMode, Operator... operators) {
    Actor admin = Actor.system("test");
    var plugin = new PluginCommand(admin, DuoSecurityPlugin.ID);
    panel.services().plugins().install(plugin);
    panel.services().plugins().activate(plugin);
    assertThat(
            panel
                .services()
                .pluginSettings()
                .save(
                    new SavePluginSettingsCommand(admin, DuoSecurityPlugin.ID, settings(failMode))))
        .isInstanceOf(SavePluginSettingsResult.Saved.class);
    for (Operator operator : operators) {
      assertThat(
              panel
                  .services()
                  .pluginOperators()
                  .set(new PluginOperatorCommand(admin, DuoSecurityPlugin.ID, operator.id(), true)))
          .isInstanceOf(PluginOperatorResult.Changed.class);
    }
  }
}
