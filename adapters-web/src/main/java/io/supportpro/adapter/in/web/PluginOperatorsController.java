package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.ListPluginsUseCase;
import io.supportpro.application.port.in.ManagePluginOperatorsUseCase;
import io.supportpro.application.port.in.NoticeEmail;
import io.supportpro.application.port.in.OperatorChoice;
import io.supportpro.application.port.in.PluginOperatorCommand;
import io.supportpro.application.port.in.PluginOperatorResult;
import io.supportpro.application.port.in.PluginOperatorsCommand;
import io.supportpro.application.port.in.PluginOperatorsResult;
import io.supportpro.application.port.in.PluginOverview;
import io.supportpro.application.port.in.PreviewPluginFallbackUseCase;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.page.Count;
import io.supportpro.domain.page.Cursor;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which operators sign in with a plugin's second factor: a filtered, paged list with Enable and
 * Disable buttons, check boxes to change a selection, and a confirmed change of all that match, for
 * every plugin that offers one. Disabling a selection or all that match is confirmed first, with
 * what the operators fall back to.
 */
final class PluginOperatorsController {
  static final int PAGE_SIZE = 25;

  /**
   * How far the list's two counts go before they say "more than": far enough for any list an
   * administrator reads through, near enough that counting a filter of 90,000 operators reads a
   * thousand rows rather than all of them on every page view. A change of all that match is counted
   * exactly on the page that confirms it.
   */
  static final long COUNT_LIMIT = 1_000;

  private static final String SELECTED_PREFIX = "operator-";

  /** An operator as the table shows them, with whether the plugin is enabled for them. */
  record OperatorRow(
      String id,
      String username,
      String displayName,
      String email,
      String role,
      boolean active,
      boolean enabled) {
    static OperatorRow of(Texts texts, OperatorChoice choice) {
      var operator = choice.operator();
      return new OperatorRow(
          operator.id().toString(),
          operator.username().value(),
          operator.displayName().value(),
          operator.email().value(),
          OperatorsController.roleLabel(texts, operator.role()),
          operator.active(),
          choice.enabled());
    }
  }

  private final ListPluginsUseCase plugins;
  private final ManagePluginOperatorsUseCase operators;
  private final PreviewPluginFallbackUseCase fallback;

  PluginOperatorsController(
      ListPluginsUseCase plugins,
      ManagePluginOperatorsUseCase operators,
      PreviewPluginFallbackUseCase fallback) {
    this.plugins = plugins;
    this.operators = operators;
    this.fallback = fallback;
  }

  /**
   * The filter beyond the search text, as the query string and the forms carry it: empty text for
   * "any", so that an unfiltered list keeps its short addresses.
   */
  record Criteria(String status, String role, String active) {
    static Criteria of(Params params) {
      return new Criteria(params.text("status"), params.text("role"), params.text("active"));
    }

    /** The filter with this search text; a value that names no choice is a bad request. */
    PluginOperatorFilter filter(String text) {
      PluginOperatorFilter.Status parsedStatus =
          switch (status) {
            case "" -> PluginOperatorFilter.Status.ALL;
            case "enabled" -> PluginOperatorFilter.Status.ENABLED;
            case "not-enabled" -> PluginOperatorFilter.Status.NOT_ENABLED;
            default -> throw Halt.badRequest("plugin-operators.choose-status");
          };
      Optional<Role> parsedRole =
          switch (role) {
            case "" -> Optional.empty();
            case "administrator" -> Optional.of(Role.ADMINISTRATOR);
            case "operator" -> Optional.of(Role.OPERATOR);
            default -> throw Halt.badRequest("plugin-operators.choose-role");
          };
      Optional<Boolean> parsedActive =
          switch (active) {
            case "" -> Optional.empty();
            case "yes" -> Optional.of(true);
            case "no" -> Optional.of(false);
            default -> throw Halt.badRequest("plugin-operators.choose-active");
          };
      return new PluginOperatorFilter(
          text, parsedStatus, parsedRole, parsedActive, Optional.empty());
    }

    /** The query string of this filter with the search and position, in a fixed order. */
    Map<String, String> query(String search, PagePosition position) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("q", search);
      query.put("status", status);
      query.put("role", role);
      query.put("active", active);
      query.putAll(position.query());
      return query;
    }
  }

  void register(RoutesConfig routes) {
    routes.get(PluginsController.LIST + "/{id}/operators", this::list, Access.ADMINISTRATOR);
    routes.get(
        PluginsController.LIST + "/{id}/operators/all", this::confirmAll, Access.ADMINISTRATOR);
    routes.post(PluginsController.LIST + "/{id}/operators/all", this::setAll, Access.ADMINISTRATOR);
    routes.post(
        PluginsController.LIST + "/{id}/operators/selected",
        this::setSelected,
        Access.ADMINISTRATOR);
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

  /**
   * The plugin the address names, if it is one with operators to choose, described in its words for
   * the page's language.
   */
  private PluginOverview plugin(Context ctx) {
    PluginOverview plugin =
        PluginsController.inWords(ctx, plugins, PluginsController.pluginId(ctx))
            .orElseThrow(Halt::notFound);
    if (!plugin.perOperator()) {
      throw Halt.notFound();
    }
    return plugin;
  }

  private void list(Context ctx) {
    PluginOverview plugin = plugin(ctx);
    PluginId id = plugin.descriptor().id();
    ListSearch search = ListSearch.of(ctx);
    Params query = Params.query(ctx);
    Criteria criteria = Criteria.of(query);
    PluginOperatorFilter filter = criteria.filter(search.text());
    KeysetRequest request = search.request(PAGE_SIZE);
    KeysetPage<OperatorChoice> found =
        operators.listMatching(id, filter, request).orElseThrow(() -> notActive(plugin));
    Count matching = Count.exactly(0);
    Count enabledCount = Count.exactly(0);
    if (search.problem().isPresent()) {
      found = request.page(List.of());
    } else {
      matching = count(plugin, filter, COUNT_LIMIT);
      enabledCount = enabledAmong(plugin, filter);
    }
    boolean configured = operators.configured(id);
    Texts texts = Texts.of(ctx);
    String name = plugin.descriptor().name();
    // What the buttons carry back, so that the administrator returns to the same page.
    PagePosition position = search.problem().isEmpty() ? search.position() : PagePosition.FIRST;
    String kept = search.problem().isEmpty() ? search.typed() : "";
    Map<String, Object> model =
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
            "errors",
            Pages.fieldError("q", search.problem().orElse(null)),
            "keptSearch",
            kept,
            "keptAfter",
            position.text(Cursor.Direction.AFTER),
            "keptBefore",
            position.text(Cursor.Direction.BEFORE),
            "criteria",
            criteria,
            "anyMatching",
            matching.value() > 0,
            "anyEnabled",
            enabledCount.value() > 0,
            "matchingText",
            matchingText(texts, name, matching, enabledCount),
            "enableAll",
            allButton(texts, "enable", matching),
            "disableAll",
            allButton(texts, "disable", matching),
            "confirmEnable",
            Urls.withQuery(address(id) + "/all", allQuery(criteria, kept, "true")),
            "confirmDisable",
            Urls.withQuery(address(id) + "/all", allQuery(criteria, kept, "false")),
            "operators",
            found.items().stream().map(choice -> OperatorRow.of(Texts.of(ctx), choice)).toList(),
            "configured",
            configured,
            "notConfigured",
            Texts.of(ctx).get("plugin-operators.not-configured", plugin.descriptor().name()),
            "settings",
            settings(id),
            "paging",
            KeysetPaging.of(
                found,
                OperatorChoice::operator,
                at -> Urls.withQuery(address(id), criteria.query(search.typed(), at))),
            "csrf",
            Visitor.required(ctx).session().csrfToken());
    changeNotice(texts, query, plugin)
        .or(() -> operatorNotice(texts, query, plugin))
        .ifPresent(notice -> model.put("notice", notice));
    Pages.render(ctx, search.status(), "admin/plugin-operators", model);
  }

  /** The notice after a change of many, worded here with the plugin's name and the count. */
  private static Optional<String> changeNotice(Texts texts, Params query, PluginOverview plugin) {
    String count = query.text("count");
    if (!count.matches("[0-9]{1,9}")) {
      return Optional.empty();
    }
    String key =
        switch (query.text("notice")) {
          case "plugin-enabled-for-many" -> "notice.plugin-enabled-for-many";
          case "plugin-disabled-for-many" -> "notice.plugin-disabled-for-many";
          default -> null;
        };
    return Optional.ofNullable(key)
        .map(known -> texts.get(known, plugin.descriptor().name(), Integer.parseInt(count)));
  }

  /**
   * The notice after a change of one operator, naming them as stored, not as the address says: the
   * address carries only their identity.
   */
  private Optional<String> operatorNotice(Texts texts, Params query, PluginOverview plugin) {
    String notice = query.text("notice");
    if (!notice.equals("plugin-enabled") && !notice.equals("plugin-disabled")) {
      return Optional.empty();
    }
    boolean enabled = notice.equals("plugin-enabled");
    OperatorId operator;
    try {
      operator = OperatorId.parse(query.text("operator"));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
    String name = plugin.descriptor().name();
    return operators
        .listMatching(
            plugin.descriptor().id(),
            PluginOperatorFilter.EVERYONE.among(Set.of(operator)),
            KeysetRequest.first(1))
        .flatMap(found -> found.items().stream().findFirst())
        .map(choice -> choice.operator().username().value())
        .map(
            username ->
                texts.get(
                    enabled ? "notice.plugin-enabled-for" : "notice.plugin-disabled-for",
                    name,
                    username))
        .map(named -> named + Notice.mailFailure(texts, query));
  }

  /** How many of the operators the filter covers have the plugin enabled, up to the limit. */
  private Count enabledAmong(PluginOverview plugin, PluginOperatorFilter filter) {
    if (filter.status() == PluginOperatorFilter.Status.NOT_ENABLED) {
      return Count.exactly(0);
    }
    return count(
        plugin,
        new PluginOperatorFilter(
            filter.text(),
            PluginOperatorFilter.Status.ENABLED,
            filter.role(),
            filter.active(),
            filter.among()),
        COUNT_LIMIT);
  }

  /** How many operators the filter covers, exactly up to the limit. */
  private Count count(PluginOverview plugin, PluginOperatorFilter filter, long limit) {
    return operators
        .count(plugin.descriptor().id(), filter, limit)
        .orElseThrow(() -> notActive(plugin));
  }

  /** "N operators match; the plugin is enabled for M of them", or "more than" where so. */
  private static String matchingText(Texts texts, String plugin, Count matching, Count enabled) {
    if (!matching.more()) {
      return texts.get("plugin-operators.matching", matching.value(), plugin, enabled.value());
    }
    String enabledText =
        enabled.more()
            ? texts.get("plugin-operators.more-than", enabled.value())
            : texts.get("plugin-operators.number", enabled.value());
    return texts.get("plugin-operators.matching-more", matching.value(), plugin, enabledText);
  }

  /** The label of the button that changes all that match: with their number when it is known. */
  private static String allButton(Texts texts, String change, Count matching) {
    return matching.more()
        ? texts.get("plugin-operators." + change + "-all-many")
        : texts.get("plugin-operators." + change + "-all", matching.value());
  }

  private static Map<String, String> allQuery(Criteria criteria, String search, String enabled) {
    Map<String, String> query = criteria.query(search, PagePosition.FIRST);
    query.put("enabled", enabled);
    return query;
  }

  /** Asks before a change of every operator that matches, saying how many it covers. */
  private void confirmAll(Context ctx) {
    PluginOverview plugin = plugin(ctx);
    PluginId id = plugin.descriptor().id();
    Params query = Params.query(ctx);
    boolean enabled = enabledField(query);
    String search = checkedSearch(query);
    Criteria criteria = Criteria.of(query);
    PluginOperatorFilter filter = criteria.filter(search);
    if (enabled && !operators.configured(id)) {
      throw notConfigured(plugin);
    }
    // Exact, however many: the question must name the number it will change.
    long matching = count(plugin, filter, Long.MAX_VALUE).value();
    String name = plugin.descriptor().name();
    Texts texts = Texts.of(ctx);
    String change = enabled ? "enable" : "disable";
    String consequence =
        enabled
            ? texts.get("plugin-operators.confirm-all.enable.consequence", name)
            : fallbackOf(texts, plugin, filter);
    confirm(
        ctx,
        plugin,
        search,
        criteria,
        new Question(
            texts.get("plugin-operators.confirm-all." + change + ".heading", name, matching),
            consequence,
            "/all",
            enabled,
            List.of(),
            PagePosition.FIRST,
            texts.get("plugin-operators.confirm-all." + change + ".button", matching)));
  }

  /** What a confirmation page asks, and what its form carries to the change it confirms. */
  private record Question(
      String heading,
      String consequence,
      String action,
      boolean enabled,
      List<String> selected,
      PagePosition position,
      String button) {}

  /** Shows the page that asks before a change of many operators, with its consequence. */
  private static void confirm(
      Context ctx, PluginOverview plugin, String search, Criteria criteria, Question question) {
    PluginId id = plugin.descriptor().id();
    Pages.render(
        ctx,
        200,
        "admin/plugin-operators-confirm",
        Pages.model(
            "section",
            "plugins",
            "plugin",
            plugin.descriptor().name(),
            "heading",
            question.heading(),
            "consequence",
            question.consequence(),
            "action",
            address(id) + question.action(),
            "back",
            Urls.withQuery(address(id), criteria.query(search, question.position())),
            "search",
            search,
            "criteria",
            criteria,
            "enabled",
            question.enabled(),
            "selected",
            question.selected(),
            "keptAfter",
            question.position().text(Cursor.Direction.AFTER),
            "keptBefore",
            question.position().text(Cursor.Direction.BEFORE),
            "button",
            question.button(),
            "csrf",
            Visitor.required(ctx).session().csrfToken()));
  }

  /** What the operators the filter covers fall back to, worded with the numbers. */
  private String fallbackOf(Texts texts, PluginOverview plugin, PluginOperatorFilter filter) {
    return fallback
        .previewFallback(plugin.descriptor().id(), filter)
        .map(
            preview ->
                FallbackText.of(
                    texts, plugins.words(plugin.descriptor().id(), texts.locale()), preview))
        .orElseThrow(Halt::notFound);
  }

  /**
   * Asks before disabling the plugin for the operators checked on the page, carrying the selection
   * in the form rather than the address, which two hundred identities would outgrow.
   */
  private void confirmSelected(
      Context ctx,
      PluginOverview plugin,
      Set<OperatorId> selected,
      String search,
      Criteria criteria,
      PagePosition position) {
    PluginId id = plugin.descriptor().id();
    String name = plugin.descriptor().name();
    Texts texts = Texts.of(ctx);
    confirm(
        ctx,
        plugin,
        search,
        criteria,
        new Question(
            texts.get("plugin-operators.confirm-selected.heading", name, selected.size()),
            fallbackOf(texts, plugin, PluginOperatorFilter.EVERYONE.among(selected)),
            "/selected",
            false,
            selected.stream().map(OperatorId::toString).toList(),
            position,
            texts.get("plugin-operators.confirm-selected.button", selected.size())));
  }

  /** Enables or disables the plugin for every operator that matches, once confirmed. */
  private void setAll(Context ctx) {
    PluginOverview plugin = plugin(ctx);
    Params form = Params.form(ctx);
    String search = checkedSearch(form);
    Criteria criteria = Criteria.of(form);
    change(
        ctx,
        plugin,
        criteria.filter(search),
        enabledField(form),
        criteria.query(search, PagePosition.FIRST));
  }

  /** Enables or disables the plugin for the operators checked on the page. */
  private void setSelected(Context ctx) {
    PluginOverview plugin = plugin(ctx);
    Params form = Params.form(ctx);
    boolean enabled = enabledField(form);
    Set<OperatorId> selected = new LinkedHashSet<>();
    for (String name : form.all().keySet()) {
      if (name.startsWith(SELECTED_PREFIX)) {
        try {
          selected.add(OperatorId.parse(name.substring(SELECTED_PREFIX.length())));
        } catch (IllegalArgumentException malformed) {
          throw Halt.badRequest("plugin-operators.select-with-boxes");
        }
      }
    }
    if (selected.isEmpty()) {
      throw Halt.badRequest("plugin-operators.select-one");
    }
    String search = checkedSearch(form);
    Criteria criteria = Criteria.of(form);
    // Refused unless each is a real choice, so that the way back carries only those.
    criteria.filter(search);
    PagePosition position = PagePosition.orFirst(form);
    if (!enabled && !form.text("confirmed").equals("yes")) {
      confirmSelected(ctx, plugin, selected, search, criteria, position);
      return;
    }
    change(
        ctx,
        plugin,
        PluginOperatorFilter.EVERYONE.among(selected),
        enabled,
        criteria.query(search, position));
  }

  private void change(
      Context ctx,
      PluginOverview plugin,
      PluginOperatorFilter filter,
      boolean enabled,
      Map<String, String> back) {
    PluginId id = plugin.descriptor().id();
    var result =
        operators.setAll(
            new PluginOperatorsCommand(Visitor.required(ctx).actor(ctx), id, filter, enabled));
    switch (result) {
      case PluginOperatorsResult.Changed changed -> {
        Map<String, String> query = new LinkedHashMap<>(back);
        query.put("notice", enabled ? "plugin-enabled-for-many" : "plugin-disabled-for-many");
        query.put("count", Long.toString(changed.count()));
        Pages.seeOther(ctx, Urls.withQuery(address(id), query) + "#operators");
      }
      case PluginOperatorsResult.NotActive notActive -> throw notActive(plugin);
      case PluginOperatorsResult.NotConfigured notConfigured -> throw notConfigured(plugin);
    }
  }

  private static boolean enabledField(Params params) {
    return switch (params.text("enabled")) {
      case "true" -> true;
      case "false" -> false;
      default -> throw Halt.badRequest("plugin-operators.use-buttons");
    };
  }

  /** The search the form or address carries; one that cannot be a search is a bad request. */
  private static String checkedSearch(Params params) {
    String search = params.text("q");
    FieldCheck.problem(search, ListSearch.MAX_LENGTH)
        .ifPresent(
            problem -> {
              throw Halt.badRequest(problem);
            });
    return search.strip();
  }

  private static Halt notConfigured(PluginOverview plugin) {
    String name = plugin.descriptor().name();
    return Halt.page(
        409,
        Phrase.of("plugin-operators.not-configured.title", name),
        Phrase.of("plugin-operators.not-configured.message", name),
        settings(plugin.descriptor().id()),
        Phrase.of("plugin-operators.go-to-settings"));
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
    boolean enabled = enabledField(form);
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
                          : Notice.PLUGIN_DISABLED_FOR_OPERATOR,
                      changed.notice())
                  + "&operator="
                  + operator
                  + "#operator-"
                  + operator);
      case PluginOperatorResult.NotActive notActive -> throw notActive(plugin);
      case PluginOperatorResult.NotConfigured notConfigured -> throw notConfigured(plugin);
      case PluginOperatorResult.UnknownOperator unknown -> throw Halt.notFound();
    }
  }

  /** The list as the administrator left it: the same filter and page, when they are usable. */
  private static String backTo(PluginId plugin, Params form, Notice notice, NoticeEmail email) {
    String search = form.text("q");
    Criteria criteria = Criteria.of(form);
    try {
      criteria.filter("");
    } catch (Halt unusable) {
      criteria = new Criteria("", "", "");
    }
    Map<String, String> query =
        criteria.query(
            FieldCheck.problem(search, ListSearch.MAX_LENGTH).isEmpty() ? search : "",
            PagePosition.orFirst(form));
    String back = Urls.withQuery(address(plugin), query);
    return back + (back.contains("?") ? "&" : "?") + notice.query(email).substring(1);
  }

  private static Halt notActive(PluginOverview plugin) {
    String name = plugin.descriptor().name();
    return Halt.page(
        409,
        Phrase.of("plugin-operators.not-active.title", name),
        Phrase.of("plugin-operators.not-active.message", name),
        PluginsController.LIST,
        Phrase.of("plugins.go-to-list"));
  }
}
