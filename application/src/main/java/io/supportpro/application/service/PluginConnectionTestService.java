package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.TestPluginConnectionUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.ConnectionTest;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PluginCatalog;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.SettingDefinition;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.plugin.SettingsCheck;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings page's Test connection, for any plugin that has one: the plugin's test with the
 * typed values, after the same checks as saving (so it reaches only where saving would be allowed),
 * audited every time. What the administrator learns is the plugin's to word; the detail of a
 * failure goes to the server's log.
 */
public final class PluginConnectionTestService implements TestPluginConnectionUseCase {
  static final String CORRECT = "Correct the settings marked below, then test again.";
  static final String NOT_ACTIVE = "Activate the plugin first.";
  static final String NO_TEST = "This plugin has no connection test.";
  static final String UNREADABLE_SECRET =
      "A saved secret cannot be read with this server's key; enter it again.";

  private final PluginCatalog catalog;
  private final PluginRepository plugins;
  private final SecretCipher cipher;
  private final URI publicUrl;
  private final AuditLog audit;
  private final Clock clock;

  public PluginConnectionTestService(
      PluginCatalog catalog,
      PluginRepository plugins,
      SecretCipher cipher,
      URI publicUrl,
      AuditLog audit,
      Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.plugins = requireNonNull(plugins, "plugins");
    this.cipher = requireNonNull(cipher, "cipher");
    this.publicUrl = requireNonNull(publicUrl, "publicUrl");
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public ConnectionTestResult test(Actor actor, PluginId id, Map<String, String> typed) {
    requireNonNull(actor, "actor");
    Optional<Plugin> plugin = catalog.find(id);
    Optional<ConnectionTest> test = plugin.flatMap(Plugin::connectionTest);
    if (test.isEmpty()) {
      return failed(NO_TEST, SettingsCheck.CLEAN, "");
    }
    if (plugins.state(id) != PluginState.ACTIVE) {
      return audited(
          actor, id, "not_active", test.get(), typed, failed(NOT_ACTIVE, SettingsCheck.CLEAN, ""));
    }
    PluginSettings saved = plugins.settings(id);
    Map<String, String> values = new TreeMap<>();
    Map<String, Boolean> secretSaved = new TreeMap<>();
    for (SettingDefinition setting : plugin.get().descriptor().settings()) {
      String value = typed.getOrDefault(setting.key(), "");
      values.put(setting.key(), setting.secret() ? value : value.strip());
      if (setting.secret()) {
        secretSaved.put(
            setting.key(), saved.get(setting.key()).map(SettingValue::secret).orElse(false));
      }
    }
    SettingsCheck check = PluginSettingsRules.check(plugin.get(), values, secretSaved);
    if (!check.acceptable()) {
      return audited(actor, id, "invalid_settings", test.get(), values, failed(CORRECT, check, ""));
    }
    Map<String, SettingValue> tried = new TreeMap<>();
    try {
      for (SettingDefinition setting : plugin.get().descriptor().settings()) {
        String value = values.get(setting.key());
        // An empty secret field keeps the saved secret, which the test then uses.
        tried.put(
            setting.key(),
            setting.secret() && value.isEmpty() && secretSaved.get(setting.key())
                ? new SettingValue(
                    cipher.decrypt(saved.get(setting.key()).orElseThrow().value()), true)
                : new SettingValue(value, setting.secret()));
      }
    } catch (SecretCipher.UndecryptableSecretException e) {
      return audited(
          actor,
          id,
          "unreadable_secret",
          test.get(),
          values,
          failed(UNREADABLE_SECRET, SettingsCheck.CLEAN, ""));
    }
    ConnectionTest.Outcome outcome = test.get().test(new PluginSettings(tried), publicUrl);
    return audited(
        actor,
        id,
        outcome.outcome(),
        test.get(),
        values,
        new ConnectionTestResult(
            outcome.accepted(), outcome.message(), SettingsCheck.CLEAN, outcome.logDetail()));
  }

  private static ConnectionTestResult failed(String message, SettingsCheck check, String detail) {
    return new ConnectionTestResult(false, message, check, detail);
  }

  /**
   * Records who tested which plugin, from where, the outcome's class and what the plugin keeps of
   * the settings tried; never a secret, and not the failure's detail, which the audit page would
   * show to every administrator.
   */
  private ConnectionTestResult audited(
      Actor actor,
      PluginId plugin,
      String outcome,
      ConnectionTest test,
      Map<String, String> typed,
      ConnectionTestResult result) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("outcome", outcome);
    test.audited(typed).forEach((key, value) -> details.put(key, shortened(value)));
    audit.append(
        new AuditEvent(
            clock.now(), AuditEventType.PLUGIN_CONNECTION_TESTED, actor, plugin.value(), details));
    return result;
  }

  // What an administrator typed may be long; the audit keeps enough to recognise it.
  private static String shortened(String value) {
    String oneLine = value.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() > 255 ? oneLine.substring(0, 255) + "…" : oneLine;
  }
}
