package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.ManagePluginOperatorsUseCase;
import io.supportpro.application.port.in.OperatorChoice;
import io.supportpro.application.port.in.PluginOperatorCommand;
import io.supportpro.application.port.in.PluginOperatorResult;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.page.Page;
import io.supportpro.domain.page.PageRequest;
import io.supportpro.domain.secondfactor.DuoPlugin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which operators sign in with Duo: a searchable, paged list with Enable and Disable buttons. */
final class DuoOperatorsController {
  static final String PAGE = PluginsController.LIST + "/" + DuoPlugin.ID.value() + "/operators";
  static final String SETTINGS = PluginsController.LIST + "/" + DuoPlugin.ID.value() + "/settings";
  static final String NOT_CONFIGURED =
      "Duo Security is active but not configured, so it cannot be enabled for any operator yet.";
  static final int PAGE_SIZE = 25;
  private static final int MAX_SEARCH = 254;

  /** An operator as the table shows them, with their Duo status. */
  record OperatorRow(
      String id, String username, String displayName, String email, boolean active, boolean duo) {
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

  private final ManagePluginOperatorsUseCase operators;

  DuoOperatorsController(ManagePluginOperatorsUseCase operators) {
    this.operators = operators;
  }

  void register(RoutesConfig routes) {
    routes.get(PAGE, this::list, Access.ADMINISTRATOR);
    routes.post(PAGE + "/{operatorId}", this::set, Access.ADMINISTRATOR);
  }

  private void list(Context ctx) {
    Params query = Params.query(ctx);
    String search = query.text("q");
    int number = Paging.pageNumber(query.text("page"));
    Optional<String> problem = FieldCheck.problem(search, MAX_SEARCH);
    Page<OperatorChoice> found =
        operators
            .list(
                DuoPlugin.ID,
                problem.isPresent() ? "" : search.strip(),
                new PageRequest(problem.isPresent() ? 1 : number, PAGE_SIZE))
            .orElseThrow(DuoOperatorsController::notActive);
    boolean configured = operators.configured(DuoPlugin.ID);
    if (problem.isPresent()) {
      render(
          ctx, 400, search, new Page<>(List.of(), found.request(), 0), problem.get(), configured);
      return;
    }
    render(ctx, 200, search, found, null, configured);
  }

  private static void render(
      Context ctx,
      int status,
      String search,
      Page<OperatorChoice> found,
      String searchError,
      boolean configured) {
    // What the buttons carry back, so that the administrator returns to the same page.
    String page = Long.toString(found.request().number());
    Pages.render(
        ctx,
        status,
        "admin/duo-operators",
        Pages.model(
            "section",
            "plugins",
            "search",
            search,
            "searchError",
            searchError,
            "keptSearch",
            searchError == null ? search : "",
            "keptPage",
            page,
            "operators",
            found.items().stream().map(OperatorRow::of).toList(),
            "configured",
            configured,
            "notConfigured",
            NOT_CONFIGURED,
            "settings",
            SETTINGS,
            "paging",
            Paging.of(found, n -> Urls.withQuery(PAGE, Map.of("q", search, "page", n))),
            "csrf",
            Visitor.required(ctx).session().csrfToken()));
  }

  private void set(Context ctx) {
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
            new PluginOperatorCommand(
                Visitor.required(ctx).actor(ctx), DuoPlugin.ID, operator, enabled));
    switch (result) {
      case PluginOperatorResult.Changed changed ->
          Pages.seeOther(ctx, backTo(form, enabled ? Notice.DUO_ENABLED : Notice.DUO_DISABLED));
      case PluginOperatorResult.NotActive notActive -> throw notActive();
      case PluginOperatorResult.NotConfigured notConfigured ->
          throw Halt.page(
              409,
              "Duo is not configured",
              NOT_CONFIGURED + " Complete its settings first.",
              SETTINGS,
              "Go to Duo settings");
      case PluginOperatorResult.UnknownOperator unknown -> throw Halt.notFound();
    }
  }

  /** The list as the administrator left it: the same search and page, when they are usable. */
  private static String backTo(Params form, Notice notice) {
    Map<String, String> query = new LinkedHashMap<>();
    String search = form.text("q");
    if (FieldCheck.problem(search, MAX_SEARCH).isEmpty()) {
      query.put("q", search);
    }
    String page = form.text("page");
    if (page.matches("[1-9][0-9]{0,8}")) {
      query.put("page", page);
    }
    String back = Urls.withQuery(PAGE, query);
    return back + (back.contains("?") ? "&" : "?") + notice.query().substring(1);
  }

  private static Halt notActive() {
    return Halt.page(
        409,
        "Duo is not active",
        "Duo Security must be installed and active before it can be enabled for operators."
            + " Activate it on the Plugins page first.",
        PluginsController.LIST,
        "Go to Plugins");
  }
}
