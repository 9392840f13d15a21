package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ConfigurePluginUseCase;
import io.supportpro.application.port.in.PluginSettingsView;
import io.supportpro.application.port.in.SavePluginSettingsCommand;
import io.supportpro.application.port.in.SavePluginSettingsResult;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PluginCatalog;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.port.out.PromptMethod;
import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.SettingDefinition;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.plugin.SettingsCheck;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Shows and saves the settings of active plugins: checks them, encrypts secrets, keeps a saved
 * secret when its field is left empty, and audits what changed without ever naming a secret. A save
 * replaces every setting at once or none.
 */
public final class PluginSettingsService implements ConfigurePluginUseCase {
  private final PluginCatalog catalog;
  private final PluginRepository plugins;
  private final SecretCipher cipher;
  private final AuditLog audit;
  private final Clock clock;

  public PluginSettingsService(
      PluginCatalog catalog,
      PluginRepository plugins,
      SecretCipher cipher,
      AuditLog audit,
      Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.plugins = requireNonNull(plugins, "plugins");
    this.cipher = requireNonNull(cipher, "cipher");
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Optional<PluginSettingsView> view(PluginId id) {
    return active(id)
        .map(
            plugin -> {
              PluginDescriptor descriptor = plugin.descriptor();
              PluginSettings saved = plugins.settings(id);
              Map<String, String> values = new HashMap<>();
              for (SettingDefinition setting : descriptor.settings()) {
                if (!setting.secret()) {
                  values.put(
                      setting.key(),
                      saved
                          .get(setting.key())
                          .map(SettingValue::value)
                          .orElse(setting.defaultValue()));
                }
              }
              return new PluginSettingsView(
                  PluginSettingsRules.overview(
                      plugin, PluginState.ACTIVE, PluginSettingsRules.configured(plugin, saved)),
                  values,
                  savedSecrets(descriptor, saved),
                  plugin
                      .secondFactor()
                      .filter(PromptMethod.class::isInstance)
                      .map(method -> ((PromptMethod) method).callbackPath()));
            });
  }

  @Override
  public SavePluginSettingsResult save(SavePluginSettingsCommand command) {
    PluginId id = command.plugin();
    Optional<Plugin> known = catalog.find(id);
    if (known.isEmpty()) {
      return new SavePluginSettingsResult.UnknownPlugin(id);
    }
    if (plugins.state(id) != PluginState.ACTIVE) {
      return new SavePluginSettingsResult.NotActive(id);
    }
    PluginDescriptor descriptor = known.get().descriptor();
    PluginSettings saved = plugins.settings(id);
    Map<String, String> typed = new TreeMap<>();
    for (SettingDefinition setting : descriptor.settings()) {
      String value = command.typed().getOrDefault(setting.key(), "");
      typed.put(setting.key(), setting.secret() ? value : value.strip());
    }
    Set<String> savedSecrets = savedSecrets(descriptor, saved);
    Map<String, Boolean> secretSaved =
        descriptor.settings().stream()
            .filter(SettingDefinition::secret)
            .collect(Collectors.toMap(SettingDefinition::key, s -> savedSecrets.contains(s.key())));
    SettingsCheck check = PluginSettingsRules.check(known.get(), typed, secretSaved);
    if (!check.acceptable()) {
      // Nothing is written: settings that fail their check never replace the saved ones.
      return new SavePluginSettingsResult.Invalid(check);
    }
    Map<String, SettingValue> next = new LinkedHashMap<>();
    Map<String, String> changes = new TreeMap<>();
    for (SettingDefinition setting : descriptor.settings()) {
      String key = setting.key();
      Optional<SettingValue> before = saved.get(key);
      String value = typed.get(key);
      if (setting.secret()) {
        if (value.isEmpty()) {
          before.ifPresent(kept -> next.put(key, kept));
        } else {
          next.put(key, new SettingValue(cipher.encrypt(value), true));
          changes.put(key, "[secret changed]");
        }
      } else {
        next.put(key, new SettingValue(value, false));
        String old = before.map(SettingValue::value).orElse("");
        if (!old.equals(value)) {
          changes.put(key, shown(old) + " -> " + shown(value));
        }
      }
    }
    if (!plugins.saveSettingsIfActive(id, new PluginSettings(next))) {
      return new SavePluginSettingsResult.NotActive(id);
    }
    if (!changes.isEmpty()) {
      audit.append(
          new AuditEvent(
              clock.now(),
              AuditEventType.PLUGIN_SETTINGS_CHANGED,
              command.actor(),
              id.value(),
              changes));
    }
    return new SavePluginSettingsResult.Saved(check);
  }

  private static String shown(String value) {
    return value.isEmpty() ? "(empty)" : value;
  }

  private Optional<Plugin> active(PluginId id) {
    return catalog.find(id).filter(p -> plugins.state(id) == PluginState.ACTIVE);
  }

  private static Set<String> savedSecrets(PluginDescriptor descriptor, PluginSettings saved) {
    return descriptor.settings().stream()
        .filter(SettingDefinition::secret)
        .map(SettingDefinition::key)
        .filter(key -> saved.get(key).isPresent())
        .collect(Collectors.toUnmodifiableSet());
  }
}
