package io.supportpro.application.service;

import io.supportpro.application.port.out.CodeMethod;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PluginCatalog;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.port.out.PromptMethod;
import io.supportpro.application.port.out.SecondFactorMethod;
import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.secondfactor.SecondFactor;
import java.util.List;
import java.util.Optional;

/**
 * The second-factor methods that plugins offer: which one applies to an operator, and an active
 * plugin's method with its settings decrypted for a sign-in step.
 */
final class PluginMethods {
  /** The per-operator value that says a plugin's method is enabled for that operator. */
  static final String ENABLED_KEY = "enabled";

  /** The value of {@link #ENABLED_KEY} when it is. */
  static final String ENABLED = "true";

  /** The marker that a change of many operators sets or removes, and that a listing filters on. */
  static final PluginRepository.Marker ENABLED_MARKER =
      new PluginRepository.Marker(ENABLED_KEY, ENABLED);

  private final PluginCatalog catalog;
  private final PluginRepository plugins;
  private final SecretCipher cipher;

  PluginMethods(PluginCatalog catalog, PluginRepository plugins, SecretCipher cipher) {
    this.catalog = catalog;
    this.plugins = plugins;
    this.cipher = cipher;
  }

  /**
   * The method of the first plugin, by name, that is active, enabled for the operator and applies
   * with its saved settings; reading nothing for plugins that offer no method.
   */
  static Optional<SecondFactor> applyingTo(
      PluginCatalog catalog, PluginRepository plugins, OperatorId operator) {
    for (Plugin plugin : catalog.plugins()) {
      Optional<SecondFactorMethod> method = plugin.secondFactor();
      PluginId id = plugin.descriptor().id();
      if (method.isPresent()
          && plugins.state(id) == PluginState.ACTIVE
          && plugins.operatorValue(id, operator, ENABLED_KEY).map(ENABLED::equals).orElse(false)
          && method.get().appliesWith(plugins.settings(id))) {
        return Optional.of(
            switch (method.get()) {
              case CodeMethod code -> SecondFactor.code(id);
              case PromptMethod prompt -> SecondFactor.prompt(id);
            });
      }
    }
    return Optional.empty();
  }

  /** The prompt methods of every plugin on the class path, active or not. */
  List<PromptMethod> promptMethods() {
    return catalog.plugins().stream()
        .flatMap(plugin -> plugin.secondFactor().stream())
        .filter(PromptMethod.class::isInstance)
        .map(PromptMethod.class::cast)
        .toList();
  }

  /** What looking up an active plugin's method found. */
  sealed interface Lookup<M extends SecondFactorMethod> {
    /** The method, with the plugin's saved settings, secrets decrypted. */
    record Found<M extends SecondFactorMethod>(Plugin plugin, M method, PluginSettings settings)
        implements Lookup<M> {}

    /** The plugin is unknown, not active, or offers no method of this kind. */
    record NotActive<M extends SecondFactorMethod>() implements Lookup<M> {}

    /** A secret was saved with another key than this server's: as good as not configured. */
    record Unreadable<M extends SecondFactorMethod>() implements Lookup<M> {}
  }

  /** The active plugin's method of the kind, with its settings decrypted. */
  <M extends SecondFactorMethod> Lookup<M> find(PluginId id, Class<M> kind) {
    Optional<Plugin> plugin = catalog.find(id);
    Optional<M> method =
        plugin.flatMap(Plugin::secondFactor).filter(kind::isInstance).map(kind::cast);
    if (method.isEmpty() || plugins.state(id) != PluginState.ACTIVE) {
      return new Lookup.NotActive<>();
    }
    try {
      return new Lookup.Found<>(plugin.get(), method.get(), decrypted(plugins.settings(id)));
    } catch (SecretCipher.UndecryptableSecretException e) {
      return new Lookup.Unreadable<>();
    }
  }

  /**
   * The settings with every secret decrypted, still marked secret so that they never print.
   *
   * @throws SecretCipher.UndecryptableSecretException when a secret was saved with another key
   */
  PluginSettings decrypted(PluginSettings saved) {
    return saved.withSecrets(cipher::decrypt);
  }
}
