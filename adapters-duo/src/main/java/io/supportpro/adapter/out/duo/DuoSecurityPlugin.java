package io.supportpro.adapter.out.duo;

import io.supportpro.application.port.out.ConnectionTest;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.SecondFactorMethod;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.SettingsCheck;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Duo Security plugin: who it is, the settings it takes and how they are checked (including the
 * hosts the server allows it to connect to), its second factor through Duo's Universal Prompt, and
 * its connection test. Found on the class path through {@code META-INF/services}; the composition
 * root puts one built with the server's allowed hosts in its place.
 */
public final class DuoSecurityPlugin implements Plugin {
  /** The plugin's id, also its address under {@code /admin/plugins/}. */
  public static final PluginId ID = new PluginId("duo-security");

  /** The plugin's message bundle: English in the base file, German beside it. */
  static final String BUNDLE = "io/supportpro/adapter/out/duo/messages";

  private static final PluginDescriptor DESCRIPTOR =
      new PluginDescriptor(
          ID,
          "duo-security.name",
          "duo-security.description",
          "1.0.0",
          "SupportPro",
          DuoSettings.DEFINITIONS,
          List.of(
              "duo-security.setup.sign-in",
              "duo-security.setup.applications",
              "duo-security.setup.web-sdk",
              "duo-security.setup.copy",
              "duo-security.setup.test"));

  private final DuoHosts hosts;
  private final DuoPromptMethod method;
  private final DuoConnectionTest connectionTest;

  /** The plugin as the class path provides it: Duo's own hosts only, through Duo's SDK. */
  public DuoSecurityPlugin() {
    this(DuoSdkGateway.withDefaults(DuoHosts.DUO_ONLY), DuoHosts.DUO_ONLY);
  }

  /** The plugin talking to Duo through the gateway, allowing Duo's own hosts and {@code hosts}. */
  public DuoSecurityPlugin(DuoGateway gateway, DuoHosts hosts) {
    Objects.requireNonNull(gateway, "gateway");
    this.hosts = Objects.requireNonNull(hosts, "hosts");
    this.method = new DuoPromptMethod(gateway);
    this.connectionTest = new DuoConnectionTest(gateway);
  }

  @Override
  public PluginDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Optional<String> bundleBaseName() {
    return Optional.of(BUNDLE);
  }

  @Override
  public SettingsCheck check(Map<String, String> typed, Map<String, Boolean> secretSaved) {
    return DuoSettings.check(
        typed, secretSaved.getOrDefault(DuoSettings.CLIENT_SECRET, false), hosts);
  }

  @Override
  public Optional<SecondFactorMethod> secondFactor() {
    return Optional.of(method);
  }

  @Override
  public Optional<ConnectionTest> connectionTest() {
    return Optional.of(connectionTest);
  }
}
