package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.out.duo.emulator.DuoEmulator;
import io.supportpro.application.port.in.PluginCommand;
import io.supportpro.application.port.in.PluginOperatorCommand;
import io.supportpro.application.port.in.PluginOperatorResult;
import io.supportpro.application.port.in.SavePluginSettingsCommand;
import io.supportpro.application.port.in.SavePluginSettingsResult;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.duo.DuoSettings;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.secondfactor.DuoPlugin;
import java.util.HashMap;
import java.util.Map;

/** Installs, activates and configures the Duo Security plugin against the shared emulator. */
final class DuoSetup {
  private DuoSetup() {}

  /** The settings form's values for the shared emulator, with the given fail mode. */
  static Map<String, String> settings(String failMode) {
    DuoEmulator emulator = DuoEmulators.shared();
    Map<String, String> values = new HashMap<>();
    values.put(DuoSettings.CLIENT_ID, emulator.clientId());
    values.put(DuoSettings.CLIENT_SECRET, emulator.clientSecret());
    values.put(DuoSettings.API_HOSTNAME, emulator.apiHost());
    values.put(DuoSettings.FAIL_MODE, failMode);
    values.put(DuoSettings.USERNAME_SOURCE, "username");
    values.put(DuoSettings.PROXY_HOST, "127.0.0.1");
    values.put(DuoSettings.PROXY_PORT, Integer.toString(emulator.proxyPort()));
    values.put(DuoSettings.CERTIFICATE_PINS, emulator.caCertificatePin());
    return values;
  }

  /** Duo active and configured on the panel, with the fail mode, and enabled for the operators. */
  static void enable(Panel panel, String failMode, Operator... operators) {
    Actor admin = Actor.system("test");
    var plugin = new PluginCommand(admin, DuoPlugin.ID);
    panel.services().plugins().install(plugin);
    panel.services().plugins().activate(plugin);
    assertThat(
            panel
                .services()
                .pluginSettings()
                .save(new SavePluginSettingsCommand(admin, DuoPlugin.ID, settings(failMode))))
        .isInstanceOf(SavePluginSettingsResult.Saved.class);
    for (Operator operator : operators) {
      assertThat(
              panel
                  .services()
                  .pluginOperators()
                  .set(new PluginOperatorCommand(admin, DuoPlugin.ID, operator.id(), true)))
          .isInstanceOf(PluginOperatorResult.Changed.class);
    }
  }
}
