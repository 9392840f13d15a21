package io.supportpro.adapter.out.duo;

import io.supportpro.adapter.out.duo.emulator.DuoEmulator;
import io.supportpro.adapter.out.duo.emulator.EmulatorOptions;
import io.supportpro.adapter.out.duo.emulator.PromptBrowser;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.testing.PromptMethodContract;
import io.supportpro.domain.fixtures.OperatorFixtures;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.SettingValue;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Duo's prompt, through the real SDK against the emulator over HTTPS, holds to the contract that
 * every prompt method does.
 */
class DuoPromptMethodContractIT extends PromptMethodContract {
  private static DuoEmulator emulator;
  private static DuoSecurityPlugin plugin;

  @BeforeAll
  static void startEmulator() throws Exception {
    emulator = DuoEmulator.start(EmulatorOptions.defaults());
    emulator
        .writeMergedTrustStore(Path.of("target", "duo-emulator", "contract-truststore.p12"))
        .install();
    plugin =
        new DuoSecurityPlugin(
            new DuoSdkGateway(
                Duration.ofSeconds(10), Optional.of(emulator.promptBase()), emulator.hosts()),
            emulator.hosts());
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @Override
  protected Plugin plugin() {
    return plugin;
  }

  @Override
  protected PluginSettings settings() {
    return new PluginSettings(
        Map.of(
            DuoSettings.CLIENT_ID, new SettingValue(emulator.clientId(), false),
            DuoSettings.CLIENT_SECRET, new SettingValue(emulator.clientSecret(), true),
            DuoSettings.API_HOSTNAME, new SettingValue(emulator.apiHost(), false),
            DuoSettings.PROXY_HOST, new SettingValue(DuoEmulator.PROXY_HOST, false),
            DuoSettings.PROXY_PORT, new SettingValue(Integer.toString(emulator.proxyPort()), false),
            DuoSettings.CERTIFICATE_PINS, new SettingValue(emulator.caCertificatePin(), false)));
  }

  @Override
  protected Operator operator() {
    return OperatorFixtures.operator("alice");
  }

  @Override
  protected Map<String, String> approve(URI prompt) {
    return CallbackQuery.of(PromptBrowser.direct().approve(prompt));
  }
}
