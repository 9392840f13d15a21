package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.ChooseTimeZoneUseCase;
import io.supportpro.application.port.in.CreateOperatorCommand;
import io.supportpro.application.port.in.CreateOperatorResult;
import io.supportpro.application.port.in.CreateOperatorUseCase;
import io.supportpro.application.port.in.DeactivateOperatorUseCase;
import io.supportpro.application.port.in.ListOperatorsUseCase;
import io.supportpro.application.port.in.ListPluginsUseCase;
import io.supportpro.application.port.in.ManageSessionsUseCase;
import io.supportpro.application.port.in.OperatorChangeResult;
import io.supportpro.application.port.in.OperatorCommand;
import io.supportpro.application.port.in.OperatorField;
import io.supportpro.application.port.in.PreviewDeactivationUseCase;
import io.supportpro.application.port.in.PreviewTwoFactorResetUseCase;
import io.supportpro.application.port.in.ReactivateOperatorUseCase;
import io.supportpro.application.port.in.ResetTwoFactorUseCase;
import io.supportpro.application.port.in.TwoFactorResetPreview;
import io.supportpro.application.port.in.TwoFactorResetResult;
import io.supportpro.application.port.in.UpdateOperatorCommand;
import io.supportpro.application.port.in.UpdateOperatorUseCase;
import io.supportpro.application.port.in.ViewTwoFactorStatusUseCase;
import io.supportpro.domain.Problem;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The administration of operators: the searchable list, creating, editing, and deactivating and
 * resetting two-factor authentication, each after a page that says what it will do.
 */
final class OperatorsController {
  static final String LIST = "/admin/operators";
  static final int PAGE_SIZE = 25;
  static final String LAST_ADMINISTRATOR = "operators.last-administrator";
  private static final Map<String, Integer> MAX_LENGTHS =
      Map.of("username", 128, "email", 254, "displayName", 200, "role", 32, "password", 1_024);

  /** A role as the select lists it. */
  record RoleOption(String value, String label) {}

  /** The roles in the order the select lists them, named in the language of the texts. */
  static List<RoleOption> roles(Texts texts) {
    return List.of(Role.OPERATOR, Role.ADMINISTRATOR).stream()
        .map(role -> new RoleOption(role.name().toLowerCase(Locale.ROOT), roleLabel(texts, role)))
        .toList();
  }

  /** The name of a role as the pages show it. */
  static String roleLabel(Texts texts, Role role) {
    return texts.get(
        switch (role) {
          case ADMINISTRATOR -> "role.administrator";
          case OPERATOR -> "role.operator";
        });
  }

  /** An operator as the pages show one. */
  record OperatorView(
      String id,
      String username,
      String displayName,
      String email,
      String role,
      String roleLabel,
      boolean active) {
    static OperatorView of(Texts texts, Operator operator) {
      return new OperatorView(
          operator.id().toString(),
          operator.username().value(),
          operator.displayName().value(),
          operator.email().value(),
          operator.role().name().toLowerCase(Locale.ROOT),
          OperatorsController.roleLabel(texts, operator.role()),
          operator.active());
    }
  }

  private final ListOperatorsUseCase list;
  private final CreateOperatorUseCase create;
  private final UpdateOperatorUseCase update;
  private final DeactivateOperatorUseCase deactivate;
  private final ReactivateOperatorUseCase reactivate;
  private final ResetTwoFactorUseCase resetTwoFactor;
  private final ViewTwoFactorStatusUseCase twoFactorStatus;
  private final ManageSessionsUseCase sessions;
  private final PreviewTwoFactorResetUseCase resetPreview;
  private final PreviewDeactivationUseCase deactivationPreview;
  private final ListPluginsUseCase plugins;
  private final ChooseTimeZoneUseCase timeZones;

  OperatorsController(
      ListOperatorsUseCase list,
      CreateOperatorUseCase create,
      UpdateOperatorUseCase update,
      DeactivateOperatorUseCase deactivate,
      ReactivateOperatorUseCase reactivate,
      ResetTwoFactorUseCase resetTwoFactor,
      ViewTwoFactorStatusUseCase twoFactorStatus,
      ManageSessionsUseCase sessions,
      PreviewTwoFactorResetUseCase resetPreview,
      PreviewDeactivationUseCase deactivationPreview,
      ListPluginsUseCase plugins,
      ChooseTimeZoneUseCase timeZones) {
    this.list = list;
    this.create = create;
    this.update = update;
    this.deactivate = deactivate;
    this.reactivate = reactivate;
    this.resetTwoFactor = resetTwoFactor;
    this.twoFactorStatus = twoFactorStatus;
    this.sessions = sessions;
    this.resetPreview = resetPreview;
    this.deactivationPreview = deactivationPreview;
    this.plugins = plugins;
    this.timeZones = timeZones;
  }

  void register(RoutesConfig routes) {
    routes.get(LIST, this::list, Access.ADMINISTRATOR);
    routes.post(LIST, this::create, Access.ADMINISTRATOR);
    // Before "{id}", which would match "new" too.
    routes.get(LIST + "/new", ctx -> newForm(ctx, 200, Map.of(), Map.of()), Access.ADMINISTRATOR);
    routes.get(LIST + "/{id}", this::edit, Access.ADMINISTRATOR);
    routes.post(LIST + "/{id}", this::update, Access.ADMINISTRATOR);
    routes.get(LIST + "/{id}/deactivate", this::confirmDeactivate, Access.ADMINISTRATOR);
    routes.post(
        LIST + "/{id}/deactivate",
        ctx -> change(ctx, deactivate::deactivate, Notice.OPERATOR_DEACTIVATED),
        Access.ADMINISTRATOR);
    routes.post(
        LIST + "/{id}/reactivate",
        ctx -> change(ctx, reactivate::reactivate, Notice.OPERATOR_REACTIVATED),
        Access.ADMINISTRATOR);
    routes.get(LIST + "/{id}/reset-2fa", this::confirmReset, Access.ADMINISTRATOR);
    routes.post(LIST + "/{id}/reset-2fa", this::resetTwoFactor, Access.ADMINISTRATOR);
  }

  /**
   * Asks before deactivating, saying how many sessions it ends; for the last active administrator
   * it says at once that it would be refused, and offers no button.
   */
  private void confirmDeactivate(Context ctx) {
    Operator operator = find(ctx);
    Visitor visitor = Visitor.required(ctx);
    boolean last = deactivationPreview.lastActiveAdministrator(operator.id());
    Pages.render(
        ctx,
        operator.active() && !last ? 200 : 409,
        "admin/operator-deactivate",
        Pages.model(
            "section",
            "operators",
            "operator",
            OperatorView.of(Texts.of(ctx), operator),
            "sessions",
            SessionsController.count(sessions, visitor, operator.id()),
            "self",
            visitor.operator().id().equals(operator.id()),
            "lastAdministrator",
            last ? Texts.of(ctx).get(LAST_ADMINISTRATOR) : null,
            "csrf",
            visitor.session().csrfToken()));
  }

  /** Asks before a reset of two-factor authentication, saying what it removes and what follows. */
  private void confirmReset(Context ctx) {
    Operator operator = find(ctx);
    TwoFactorResetPreview found = resetPreview.previewReset(operator.id());
    if (!found.anythingToReset()) {
      throw nothingToReset(operator);
    }
    // The plugin that still applies is named in its own words for the page's language.
    TwoFactorResetPreview preview =
        new TwoFactorResetPreview(
            found.authenticator(),
            found.setUpUnderWay(),
            found.recoveryCodes(),
            found.forceTwoFactor(),
            found.plugin().map(plugins.words(Texts.of(ctx).locale())::text));
    Visitor visitor = Visitor.required(ctx);
    Pages.render(
        ctx,
        200,
        "admin/operator-reset-2fa",
        Pages.model(
            "section",
            "operators",
            "operator",
            OperatorView.of(Texts.of(ctx), operator),
            "preview",
            preview,
            "sessions",
            SessionsController.count(sessions, visitor, operator.id()),
            "csrf",
            visitor.session().csrfToken()));
  }

  private void resetTwoFactor(Context ctx) {
    Operator operator = find(ctx);
    var result =
        resetTwoFactor.reset(new OperatorCommand(Visitor.required(ctx).actor(ctx), operator.id()));
    switch (result) {
      case TwoFactorResetResult.Reset reset ->
          Pages.seeOther(
              ctx, LIST + "/" + operator.id() + Notice.TWO_FACTOR_RESET.query(reset.notice()));
      case TwoFactorResetResult.NothingToReset nothing -> throw nothingToReset(operator);
      case TwoFactorResetResult.NotFound notFound -> throw Halt.notFound();
    }
  }

  private static Halt nothingToReset(Operator operator) {
    String username = operator.username().value();
    return Halt.page(
        409,
        Phrase.of("operators.nothing-to-reset.title"),
        Phrase.of("operators.nothing-to-reset.message", username),
        LIST + "/" + operator.id(),
        Phrase.of("operators.back-to", username));
  }

  private void list(Context ctx) {
    ListSearch search = ListSearch.of(ctx);
    KeysetRequest request = search.request(PAGE_SIZE);
    KeysetPage<Operator> found =
        search.problem().isPresent() ? request.page(List.of()) : list.list(search.text(), request);
    Pages.render(
        ctx,
        search.status(),
        "admin/operators",
        Pages.model(
            "section",
            "operators",
            "search",
            search.typed(),
            "searchError",
            search.problem().orElse(null),
            "errors",
            Pages.fieldError("q", search.problem().orElse(null)),
            "operators",
            found.items().stream().map(each -> OperatorView.of(Texts.of(ctx), each)).toList(),
            "paging",
            KeysetPaging.of(found, operator -> operator, position -> search.link(LIST, position))));
  }

  private void newForm(
      Context ctx, int status, Map<String, String> values, Map<String, String> errors) {
    Pages.render(
        ctx,
        status,
        "admin/operator-new",
        Pages.model(
            "section",
            "operators",
            "values",
            values,
            "errors",
            errors,
            "roles",
            roles(Texts.of(ctx)),
            "csrf",
            Visitor.required(ctx).session().csrfToken()));
  }

  private void create(Context ctx) {
    Params form = Params.form(ctx);
    Map<String, String> values = new LinkedHashMap<>();
    for (String field : List.of("username", "email", "displayName", "role")) {
      values.put(field, form.text(field));
    }
    String password = form.text("password");
    Map<String, String> errors = lengthProblems(Texts.of(ctx), form, MAX_LENGTHS.keySet());
    if (!errors.isEmpty()) {
      newForm(ctx, 422, withoutOverlong(values), errors);
      return;
    }
    var result =
        create.create(
            new CreateOperatorCommand(
                Visitor.required(ctx).actor(ctx),
                values.get("username"),
                values.get("email"),
                values.get("displayName"),
                values.get("role"),
                new Password(password)));
    switch (result) {
      case CreateOperatorResult.Created created ->
          Pages.seeOther(
              ctx, LIST + "/" + created.operator().id() + Notice.OPERATOR_CREATED.query());
      case CreateOperatorResult.Invalid invalid ->
          newForm(ctx, 422, values, fieldNames(Texts.of(ctx), invalid.problems()));
    }
  }

  private void edit(Context ctx) {
    Operator operator = find(ctx);
    renderEdit(ctx, 200, operator, OperatorView.of(Texts.of(ctx), operator), Map.of(), null);
  }

  private void update(Context ctx) {
    Operator operator = find(ctx);
    Params form = Params.form(ctx);
    OperatorView typed =
        new OperatorView(
            operator.id().toString(),
            operator.username().value(),
            form.text("displayName"),
            form.text("email"),
            form.text("role"),
            "",
            operator.active());
    Map<String, String> errors =
        lengthProblems(Texts.of(ctx), form, List.of("email", "displayName", "role"));
    if (!errors.isEmpty()) {
      Map<String, String> kept =
          withoutOverlong(
              Map.of(
                  "email",
                  typed.email(),
                  "displayName",
                  typed.displayName(),
                  "role",
                  typed.role()));
      renderEdit(
          ctx,
          422,
          operator,
          new OperatorView(
              typed.id(),
              typed.username(),
              kept.get("displayName"),
              kept.get("email"),
              kept.get("role"),
              "",
              typed.active()),
          errors,
          null);
      return;
    }
    var result =
        update.update(
            new UpdateOperatorCommand(
                Visitor.required(ctx).actor(ctx),
                operator.id(),
                typed.email(),
                typed.displayName(),
                typed.role()));
    switch (result) {
      case OperatorChangeResult.Changed changed ->
          Pages.seeOther(
              ctx, LIST + "/" + operator.id() + Notice.OPERATOR_UPDATED.query(changed.notice()));
      case OperatorChangeResult.NotFound notFound -> throw Halt.notFound();
      case OperatorChangeResult.Invalid invalid ->
          renderEdit(
              ctx, 422, operator, typed, fieldNames(Texts.of(ctx), invalid.problems()), null);
      case OperatorChangeResult.LastAdministrator last ->
          renderEdit(ctx, 409, operator, typed, Map.of(), Texts.of(ctx).get(LAST_ADMINISTRATOR));
    }
  }

  private void change(
      Context ctx, Function<OperatorCommand, OperatorChangeResult> action, Notice done) {
    Operator operator = find(ctx);
    var result = action.apply(new OperatorCommand(Visitor.required(ctx).actor(ctx), operator.id()));
    switch (result) {
      case OperatorChangeResult.Changed changed ->
          Pages.seeOther(ctx, LIST + "/" + operator.id() + done.query(changed.notice()));
      case OperatorChangeResult.NotFound notFound -> throw Halt.notFound();
      case OperatorChangeResult.Invalid invalid ->
          renderEdit(
              ctx,
              422,
              operator,
              OperatorView.of(Texts.of(ctx), operator),
              fieldNames(Texts.of(ctx), invalid.problems()),
              null);
      case OperatorChangeResult.LastAdministrator last ->
          renderEdit(
              ctx,
              409,
              operator,
              OperatorView.of(Texts.of(ctx), operator),
              Map.of(),
              Texts.of(ctx).get(LAST_ADMINISTRATOR));
    }
  }

  /**
   * The operator the address names; a malformed or unknown identity is a page that is not there.
   */
  private Operator find(Context ctx) {
    return find(ctx, list);
  }

  /** The operator the address's {@code id} names, or a page that is not there. */
  static Operator find(Context ctx, ListOperatorsUseCase list) {
    OperatorId id;
    try {
      id = OperatorId.parse(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Halt.notFound();
    }
    return list.find(id).orElseThrow(Halt::notFound);
  }

  private void renderEdit(
      Context ctx,
      int status,
      Operator stored,
      OperatorView values,
      Map<String, String> errors,
      String conflict) {
    Pages.render(
        ctx,
        status,
        "admin/operator-edit",
        Pages.model(
            "section",
            "operators",
            "operator",
            OperatorView.of(Texts.of(ctx), stored),
            "values",
            values,
            "errors",
            errors,
            "conflict",
            conflict,
            "roles",
            roles(Texts.of(ctx)),
            "twoFactor",
            twoFactorStatus.status(stored.id()),
            "resettable",
            resetPreview.previewReset(stored.id()).anythingToReset(),
            "self",
            Visitor.required(ctx).operator().id().equals(stored.id()),
            "sessions",
            SessionsController.rows(
                Texts.of(ctx),
                timeZones.timeZone(Visitor.required(ctx).operator().id()),
                sessions,
                Visitor.required(ctx),
                stored.id()),
            "csrf",
            Visitor.required(ctx).session().csrfToken()));
  }

  private static Map<String, String> lengthProblems(
      Texts texts, Params form, Iterable<String> fields) {
    Map<String, String> problems = new LinkedHashMap<>();
    for (String field : fields) {
      FieldCheck.problem(texts, form.text(field), MAX_LENGTHS.get(field))
          .ifPresent(problem -> problems.put(field, problem));
    }
    return problems;
  }

  /** The values, with those too long to be valid emptied rather than sent back. */
  private static Map<String, String> withoutOverlong(Map<String, String> values) {
    Map<String, String> kept = new LinkedHashMap<>(values);
    kept.replaceAll((field, value) -> value.length() > MAX_LENGTHS.get(field) ? "" : value);
    return kept;
  }

  private static Map<String, String> fieldNames(Texts texts, Map<OperatorField, Problem> problems) {
    Map<String, String> named = new LinkedHashMap<>();
    problems.forEach(
        (field, problem) -> named.put(fieldName(field), ProblemTexts.in(texts, problem)));
    return named;
  }

  private static String fieldName(OperatorField field) {
    return switch (field) {
      case USERNAME -> "username";
      case EMAIL -> "email";
      case DISPLAY_NAME -> "displayName";
      case ROLE -> "role";
      case PASSWORD -> "password";
    };
  }
}
