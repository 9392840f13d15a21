package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.CodeCommand;
import io.supportpro.application.port.in.CodeResult;
import io.supportpro.application.port.in.PassSecondFactorUseCase;
import io.supportpro.domain.secondfactor.CodeField;

/**
 * The second step of sign-in for a code typed on the panel's page: an authenticator-app or recovery
 * code, or a plugin's code, the page worded as its method asks.
 */
final class SecondFactorController {
  private final PassSecondFactorUseCase secondFactor;
  private final Cookies cookies;

  SecondFactorController(PassSecondFactorUseCase secondFactor, Cookies cookies) {
    this.secondFactor = secondFactor;
    this.cookies = cookies;
  }

  void register(RoutesConfig routes) {
    routes.get(AccessPolicy.SECOND_FACTOR_STEP, this::form, Access.SECOND_FACTOR);
    routes.post(AccessPolicy.SECOND_FACTOR_STEP, this::check, Access.SECOND_FACTOR);
  }

  private void form(Context ctx) {
    render(ctx, 200, SafeNext.of(Params.query(ctx).text("next")), null);
  }

  private void check(Context ctx) {
    Visitor visitor = Visitor.required(ctx);
    Params form = Params.form(ctx);
    String next = SafeNext.of(form.text("next"));
    String code = form.text("code");
    var problem = FieldCheck.problem(code, Codes.MAX_LENGTH);
    if (problem.isPresent()) {
      render(ctx, 400, next, problem.get());
      return;
    }
    CodeResult result =
        secondFactor.passSecondFactor(new CodeCommand(visitor.token(), code, ctx.ip()));
    switch (result) {
      case CodeResult.Accepted accepted -> {
        cookies.setSession(ctx, accepted.token());
        Pages.seeOther(ctx, next);
      }
      case CodeResult.Rejected rejected -> render(ctx, 401, next, rejected.message());
      case CodeResult.Throttled throttled ->
          render(ctx, 429, next, Pages.retryAfter(ctx, throttled.retryAfter()));
      case CodeResult.SessionEnded ended -> Codes.startAgain(ctx, cookies);
      case CodeResult.NotApplicable notApplicable ->
          render(ctx, 400, next, notApplicable.message());
    }
  }

  private void render(Context ctx, int status, String next, String error) {
    Visitor visitor = Visitor.required(ctx);
    // The guard lets only a session awaiting a code here; one that ended meanwhile starts again.
    CodeField field =
        secondFactor
            .field(visitor.token())
            .orElseThrow(
                () ->
                    Halt.page(
                        409,
                        "Sign in again",
                        "Your sign-in has ended; start again.",
                        AccessPolicy.SIGN_IN,
                        "Sign in"));
    Pages.render(
        ctx,
        status,
        "second-factor",
        Pages.model(
            "field", field, "next", next, "csrf", visitor.session().csrfToken(), "error", error));
  }
}
