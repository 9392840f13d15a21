package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.ListPluginsUseCase;
import io.supportpro.application.port.in.ManagePluginOperatorsUseCase;
import io.supportpro.application.port.in.OperatorChoice;
import io.supportpro.application.port.in.PluginOperatorCommand;
import io.supportpro.application.port.in.PluginOperatorResult;
import io.supportpro.application.port.in.PluginOverview;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.page.Page;
import io.supportpro.domain.plugin.PluginId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which operators sign in with a plugin's second factor: a searchable, paged list with Enable and
 * Disable buttons, for every plugin that offers one.
 */
final class PluginOperatorsController {
  static final String NOT_CONFIGURED =
      " is active but not configured, so it cannot be enabled for any operator yet.";
  static final int PAGE_SIZE = 25;

  /** An operator as the table shows them, with whether the plugin is enabled for them. */
  record OperatorRow(
      String id,
      String username,
      String displayName,
      String email,
      boolean active,
      boolean enabled) {
    static OperatorRow of(OperatorChoice choice) {
      var operator = choice.operator();
      return new OperatorRow(
          operator.id().toString(),
          operator.username().value(),
          operator.displayName().value(),
          operator.email().value(),
          operator.active(),
          choice.enabled());
    }
  }

  private final ListPluginsUseCase plugins;
  private final ManagePluginOperatorsUseCase operators;

  PluginOperatorsController(ListPluginsUseCase plugins, ManagePluginOperatorsUseCase operators) {
    this.plugins = plugins;
    this.operators = operators;
  }

  void register(RoutesConfig routes) {
    routes.get(PluginsController.LIST + "/{id}/operators", this::list, Access.ADMINISTRATOR);
    routes.post(
        PluginsController.LIST + "/{id}/operators/{operatorId}", this::set, Access.ADMINISTRATOR);
  }

  /** The page's address for the plugin. */
  static String address(PluginId plugin) {
    return PluginsController.LIST + "/" + plugin.value() + "/operators";
  }

  private static String settings(PluginId plugin) {
    return PluginsController.LIST + "/" + plugin.value() + "/settings";
  }

  /** The plugin the address names, if it is one with operators to choose. */
  private PluginOverview plugin(Context ctx) {
    PluginOverview plugin =
        plugins.find(PluginsController.pluginId(ctx)).orElseThrow(Halt::notFound);
    if (!plugin.perOperator()) {
      throw Halt.notFound();
    }
    return plugin;
  }

  private void list(Context ctx) {
    PluginOverview plugin = plugin(ctx);
    PluginId id = plugin.descriptor().id();
    ListSearch search = ListSearch.of(ctx);
    Page<OperatorChoice> found =
        search.shown(
            operators
                .list(id, search.text(), search.request(PAGE_SIZE))
                .orElseThrow(() -> notActive(plugin)));
    boolean configured = operators.configured(id);
    // What the buttons carry back, so that the administrator returns to the same page.
    String page = Long.toString(found.request().number());
    Pages.render(
        ctx,
        search.status(),
        "admin/plugin-operators",
        Pages.model(
            "section",
            "plugins",
            "plugin",
            plugin.descriptor().name(),
            "action",
            address(id),
            "search",
            search.typed(),
            "searchError",
            search.problem().orElse(null),
            "keptSearch",
            search.problem().isEmpty() ? search.typed() : "",
            "keptPage",
            page,
            "operators",
            found.items().stream().map(OperatorRow::of).toList(),
            "configured",
            configured,
            "notConfigured",
            plugin.descriptor().name() + NOT_CONFIGURED,
            "settings",
            settings(id),
            "paging",
            Paging.of(found, n -> search.link(address(id), n)),
            "csrf",
            Visitor.required(ctx).session().csrfToken()));
  }

  private void set(Context ctx) {
    PluginOverview plugin = plugin(ctx);
    PluginId id = plugin.descriptor().id();
    OperatorId operator;
    try {
      operator = OperatorId.parse(ctx.pathParam("operatorId"));
    } catch (IllegalArgumentException malformed) {
      throw Halt.notFound();
    }
    Params form = Params.form(ctx);
    boolean enabled =
        switch (form.text("enabled")) {
          case "true" -> true;
          case "false" -> false;
          default -> throw Halt.badRequest("Use the Enable or Disable button.");
        };
    var result =
        operators.set(
            new PluginOperatorCommand(Visitor.required(ctx).actor(ctx), id, operator, enabled));
    switch (result) {
      case PluginOperatorResult.Changed changed ->
          Pages.seeOther(
              ctx,
              backTo(
                  id,
                  form,
                  enabled
                      ? Notice.PLUGIN_ENABLED_FOR_OPERATOR
                      : Notice.PLUGIN_DISABLED_FOR_OPERATOR));
      case PluginOperatorResult.NotActive notActive -> throw notActive(plugin);
      case PluginOperatorResult.NotConfigured notConfigured ->
          throw Halt.page(
              409,
              plugin.descriptor().name() + " is not configured",
              plugin.descriptor().name() + NOT_CONFIGURED + " Complete its settings first.",
              settings(id),
              "Go to the settings");
      case PluginOperatorResult.UnknownOperator unknown -> throw Halt.notFound();
    }
  }

  /** The list as the administrator left it: the same search and page, when they are usable. */
  private static String backTo(PluginId plugin, Params form, Notice notice) {
    Map<String, String> query = new LinkedHashMap<>();
    String search = form.text("q");
    if (FieldCheck.problem(search, ListSearch.MAX_LENGTH).isEmpty()) {
      query.put("q", search);
    }
    String page = form.text("page");
    if (page.matches("[1-9][0-9]{0,8}")) {
      query.put("page", page);
    }
    String back = Urls.withQuery(address(plugin), query);
    return back + (back.contains("?") ? "&" : "?") + notice.query().substring(1);
  }

  private static Halt notActive(PluginOverview plugin) {
    return Halt.page(
        409,
        plugin.descriptor().name() + " is not active",
        plugin.descriptor().name()
            + " must be installed and active before it can be enabled for operators. Activate it"
            + " on the Plugins page first.",
        PluginsController.LIST,
        "Go to Plugins");
  }
}
