package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.ChangePasswordCommand;
import io.supportpro.application.port.in.ChangePasswordResult;
import io.supportpro.application.port.in.ChangePasswordUseCase;
import io.supportpro.application.port.in.ListOperatorsUseCase;
import io.supportpro.application.port.in.ResetPasswordCommand;
import io.supportpro.application.port.in.ResetPasswordResult;
import io.supportpro.application.port.in.ResetPasswordUseCase;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Passwords: an operator's own change (also the step an operator must take after a reset) and an
 * administrator's reset of another operator's password to a temporary one, shown once.
 */
final class PasswordController {
  static final String PAGE = AccessPolicy.PASSWORD_STEP;
  private static final String RESET = "/reset-password";
  // No stored password is longer (Password.MAX_LENGTH); the policy says so for a new one.
  private static final int MAX_LENGTH = 1_024;
  private static final List<String> FIELDS = List.of("current", "password", "repeat");

  private final ChangePasswordUseCase change;
  private final ResetPasswordUseCase reset;
  private final ListOperatorsUseCase operators;
  private final Cookies cookies;

  PasswordController(
      ChangePasswordUseCase change,
      ResetPasswordUseCase reset,
      ListOperatorsUseCase operators,
      Cookies cookies) {
    this.change = change;
    this.reset = reset;
    this.operators = operators;
    this.cookies = cookies;
  }

  void register(RoutesConfig routes) {
    routes.get(PAGE, ctx -> form(ctx, 200, Map.of()), Access.PASSWORD);
    routes.post(PAGE, this::change, Access.PASSWORD);
    routes.get(
        OperatorsController.LIST + "/{id}" + RESET, this::confirmReset, Access.ADMINISTRATOR);
    routes.post(OperatorsController.LIST + "/{id}" + RESET, this::reset, Access.ADMINISTRATOR);
  }

  private void form(Context ctx, int status, Map<String, String> errors) {
    Visitor visitor = Visitor.required(ctx);
    Pages.render(
        ctx,
        status,
        "account-password",
        Pages.model(
            "section",
            "account",
            "forced",
            visitor.active().mustChangePassword(),
            "errors",
            errors,
            "csrf",
            visitor.session().csrfToken()));
  }

  private void change(Context ctx) {
    Visitor visitor = Visitor.required(ctx);
    Params form = Params.form(ctx);
    Map<String, String> errors = new LinkedHashMap<>();
    Texts texts = Texts.of(ctx);
    for (String field : FIELDS) {
      FieldCheck.problem(texts, form.text(field), MAX_LENGTH)
          .ifPresent(problem -> errors.put(field, problem));
    }
    if (!errors.isEmpty()) {
      form(ctx, 422, errors);
      return;
    }
    var result =
        change.change(
            new ChangePasswordCommand(
                visitor.token(),
                new Password(form.text("current")),
                new Password(form.text("password")),
                new Password(form.text("repeat")),
                ctx.ip()));
    switch (result) {
      case ChangePasswordResult.Changed changed ->
          Pages.seeOther(
              ctx,
              (visitor.active().mustChangePassword() ? SafeNext.HOME : PAGE)
                  + Notice.PASSWORD_CHANGED.query(changed.notice()));
      case ChangePasswordResult.Invalid invalid ->
          form(ctx, 422, fieldNames(Texts.of(ctx), invalid));
      // The lock is on trying passwords: a problem of the first field, the current password (of
      // the new one when no current one is asked for).
      case ChangePasswordResult.Throttled throttled ->
          form(
              ctx,
              429,
              Map.of(
                  visitor.active().mustChangePassword() ? "password" : "current",
                  Pages.retryAfter(ctx, throttled.retryAfter())));
      case ChangePasswordResult.NotSignedIn notSignedIn -> {
        // A reset meanwhile ended the session; the browser's cookie goes with it.
        cookies.clearSession(ctx);
        Pages.seeOther(ctx, AccessPolicy.SIGN_IN + Notice.SIGN_IN_ENDED.query());
      }
    }
  }

  private static Map<String, String> fieldNames(Texts texts, ChangePasswordResult.Invalid invalid) {
    Map<String, String> named = new LinkedHashMap<>();
    invalid
        .problems()
        .forEach(
            (field, problem) ->
                named.put(
                    switch (field) {
                      case CURRENT -> "current";
                      case CHOSEN -> "password";
                      case REPEATED -> "repeat";
                    },
                    ProblemTexts.in(texts, problem)));
    return named;
  }

  private void confirmReset(Context ctx) {
    Operator operator = target(ctx);
    Pages.render(
        ctx,
        200,
        "admin/operator-reset-password",
        Pages.model(
            "section",
            "operators",
            "operator",
            OperatorsController.OperatorView.of(Texts.of(ctx), operator),
            "csrf",
            Visitor.required(ctx).session().csrfToken()));
  }

  private void reset(Context ctx) {
    Operator operator = target(ctx);
    var command =
        new ResetPasswordCommand(Visitor.required(ctx).actor(ctx), operator.id(), Optional.empty());
    switch (reset.reset(command)) {
      case ResetPasswordResult.Reset done ->
          Pages.render(
              ctx,
              200,
              "admin/operator-temporary-password",
              Pages.model(
                  "section",
                  "operators",
                  "operator",
                  OperatorsController.OperatorView.of(Texts.of(ctx), done.operator()),
                  "temporary",
                  done.temporary().orElseThrow().value(),
                  "notice",
                  Notice.mailFailed(Texts.of(ctx), done.notice())));
      case ResetPasswordResult.NotFound notFound -> throw Halt.notFound();
      case ResetPasswordResult.Invalid invalid ->
          throw Halt.badRequest(ProblemTexts.of(invalid.problem()));
    }
  }

  /**
   * The operator the address names. An administrator's own password is changed on their own page,
   * with their current password, and without signing themselves out.
   */
  private Operator target(Context ctx) {
    Operator operator = OperatorsController.find(ctx, operators);
    if (operator.id().equals(Visitor.required(ctx).operator().id())) {
      throw Halt.seeOther(PAGE);
    }
    return operator;
  }
}
