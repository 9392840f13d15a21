package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.ActivatePluginUseCase;
import io.supportpro.application.port.in.DeactivatePluginUseCase;
import io.supportpro.application.port.in.InstallPluginUseCase;
import io.supportpro.application.port.in.ListPluginsUseCase;
import io.supportpro.application.port.in.PluginCommand;
import io.supportpro.application.port.in.PluginOverview;
import io.supportpro.application.port.in.PluginTransitionResult;
import io.supportpro.application.port.in.PreviewPluginFallbackUseCase;
import io.supportpro.application.port.in.UninstallPluginUseCase;
import io.supportpro.domain.plugin.PluginAction;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import io.supportpro.domain.plugin.PluginWords;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The Plugins page: every plugin with its state and exactly the actions that state allows, the
 * lifecycle actions themselves, and the pages that confirm a deactivation or an uninstall.
 */
final class PluginsController {
  static final String LIST = "/admin/plugins";

  /** A plugin as the table shows it, with the actions its state allows. */
  record PluginRow(
      String id,
      String name,
      String description,
      String version,
      String author,
      String state,
      String stateLabel,
      boolean install,
      boolean activate,
      boolean deactivate,
      boolean uninstall,
      boolean settings,
      String operators) {
    static PluginRow of(Texts texts, PluginOverview plugin) {
      Set<PluginAction> legal = plugin.legalActions();
      var descriptor = plugin.descriptor();
      return new PluginRow(
          descriptor.id().value(),
          descriptor.name(),
          descriptor.description(),
          descriptor.version(),
          descriptor.author(),
          plugin.state().name().toLowerCase(java.util.Locale.ROOT),
          PluginsController.stateLabel(texts, plugin),
          legal.contains(PluginAction.INSTALL),
          legal.contains(PluginAction.ACTIVATE),
          legal.contains(PluginAction.DEACTIVATE),
          legal.contains(PluginAction.UNINSTALL),
          plugin.hasSettingsPage(),
          plugin.hasOperatorsPage() ? PluginOperatorsController.address(descriptor.id()) : null);
    }
  }

  private final ListPluginsUseCase plugins;
  private final InstallPluginUseCase install;
  private final ActivatePluginUseCase activate;
  private final DeactivatePluginUseCase deactivate;
  private final UninstallPluginUseCase uninstall;
  private final PreviewPluginFallbackUseCase fallback;

  PluginsController(
      ListPluginsUseCase plugins,
      InstallPluginUseCase install,
      ActivatePluginUseCase activate,
      DeactivatePluginUseCase deactivate,
      UninstallPluginUseCase uninstall,
      PreviewPluginFallbackUseCase fallback) {
    this.plugins = plugins;
    this.install = install;
    this.activate = activate;
    this.deactivate = deactivate;
    this.uninstall = uninstall;
    this.fallback = fallback;
  }

  void register(RoutesConfig routes) {
    routes.get(LIST, ctx -> list(ctx, 200, null), Access.ADMINISTRATOR);
    routes.post(
        LIST + "/{id}/install",
        ctx -> transition(ctx, install::install, Notice.PLUGIN_INSTALLED),
        Access.ADMINISTRATOR);
    routes.post(
        LIST + "/{id}/activate",
        ctx -> transition(ctx, activate::activate, Notice.PLUGIN_ACTIVATED),
        Access.ADMINISTRATOR);
    routes.get(LIST + "/{id}/deactivate", this::confirmDeactivate, Access.ADMINISTRATOR);
    routes.post(
        LIST + "/{id}/deactivate",
        ctx -> transition(ctx, deactivate::deactivate, Notice.PLUGIN_DEACTIVATED),
        Access.ADMINISTRATOR);
    routes.get(LIST + "/{id}/uninstall", this::confirmUninstall, Access.ADMINISTRATOR);
    routes.post(
        LIST + "/{id}/uninstall",
        ctx -> transition(ctx, uninstall::uninstall, Notice.PLUGIN_UNINSTALLED),
        Access.ADMINISTRATOR);
  }

  /** The label of a state, as the list and the other plugin pages show it. */
  static String stateLabel(Texts texts, PluginOverview plugin) {
    if (plugin.activeButNotConfigured()) {
      // Active, yet nobody can use it: its settings are incomplete or no longer allowed.
      return texts.get("plugins.state.not-configured");
    }
    return texts.get(
        switch (plugin.state()) {
          case AVAILABLE -> "plugins.state.available";
          case INACTIVE -> "plugins.state.inactive";
          case ACTIVE -> "plugins.state.active";
        });
  }

  /** The plugin the address names; a malformed id is a page that is not there. */
  static PluginId pluginId(Context ctx) {
    try {
      return new PluginId(ctx.pathParam("id"));
    } catch (IllegalArgumentException malformed) {
      throw Halt.notFound();
    }
  }

  private void list(Context ctx, int status, String refusal) {
    Pages.render(
        ctx,
        status,
        "admin/plugins",
        Pages.model(
            "section",
            "plugins",
            "plugins",
            plugins.list().stream()
                .map(
                    plugin ->
                        PluginRow.of(
                            Texts.of(ctx), inWords(plugin, words(ctx, plugin.descriptor().id()))))
                .toList(),
            "refusal",
            refusal,
            "csrf",
            Visitor.required(ctx).session().csrfToken()));
  }

  private void transition(
      Context ctx, Function<PluginCommand, PluginTransitionResult> action, Notice done) {
    PluginId id = pluginId(ctx);
    var result = action.apply(new PluginCommand(Visitor.required(ctx).actor(ctx), id));
    switch (result) {
      case PluginTransitionResult.Changed changed -> Pages.seeOther(ctx, LIST + done.query());
      case PluginTransitionResult.Refused refused ->
          list(ctx, 409, nameOf(ctx, id) + ": " + words(ctx, id).text(refused.reason()));
      case PluginTransitionResult.UnknownPlugin unknown -> throw Halt.notFound();
    }
  }

  /**
   * Asks before a deactivation, saying how many operators the plugin's second factor confirms and
   * what they sign in with once it no longer does.
   */
  private void confirmDeactivate(Context ctx) {
    PluginOverview plugin = inWords(ctx, plugins, pluginId(ctx)).orElseThrow(Halt::notFound);
    PluginRow row = PluginRow.of(Texts.of(ctx), plugin);
    String consequence =
        plugin.perOperator()
            ? fallback
                .previewFallback(plugin.descriptor().id(), PluginOperatorFilter.EVERYONE)
                .map(
                    preview ->
                        FallbackText.of(
                            Texts.of(ctx), words(ctx, plugin.descriptor().id()), preview))
                .orElseThrow(Halt::notFound)
            : null;
    Pages.render(
        ctx,
        row.deactivate() ? 200 : 409,
        "admin/plugin-deactivate",
        Pages.model(
            "section",
            "plugins",
            "plugin",
            row,
            "consequence",
            consequence,
            "csrf",
            Visitor.required(ctx).session().csrfToken()));
  }

  private void confirmUninstall(Context ctx) {
    PluginOverview plugin = inWords(ctx, plugins, pluginId(ctx)).orElseThrow(Halt::notFound);
    Pages.render(
        ctx,
        plugin.state().isInstalled() ? 200 : 409,
        "admin/plugin-uninstall",
        Pages.model(
            "section",
            "plugins",
            "plugin",
            PluginRow.of(Texts.of(ctx), plugin),
            "csrf",
            Visitor.required(ctx).session().csrfToken()));
  }

  private String nameOf(Context ctx, PluginId id) {
    return inWords(ctx, plugins, id).map(p -> p.descriptor().name()).orElse(id.value());
  }

  /**
   * A plugin with its descriptor in the plugin's words for the page's language, for pages that show
   * its name and settings; its ids, keys and choice values stay as they are saved.
   */
  static Optional<PluginOverview> inWords(Context ctx, ListPluginsUseCase plugins, PluginId id) {
    return plugins
        .find(id)
        .map(plugin -> inWords(plugin, plugins.words(id, Texts.of(ctx).locale())));
  }

  /** The plugin with its descriptor in these words. */
  static PluginOverview inWords(PluginOverview plugin, PluginWords words) {
    return new PluginOverview(
        words.descriptor(plugin.descriptor()),
        plugin.state(),
        plugin.configured(),
        plugin.perOperator(),
        plugin.connectionTest());
  }

  private PluginWords words(Context ctx, PluginId id) {
    return plugins.words(id, Texts.of(ctx).locale());
  }
}
