package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.RequestPasswordResetCommand;
import io.supportpro.application.port.in.RequestPasswordResetResult;
import io.supportpro.application.port.in.RequestPasswordResetUseCase;
import io.supportpro.application.port.in.ResetLinkStatus;
import io.supportpro.application.port.in.ResetPasswordByLinkCommand;
import io.supportpro.application.port.in.ResetPasswordByLinkResult;
import io.supportpro.application.port.in.ResetPasswordByLinkUseCase;
import io.supportpro.domain.operator.Password;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Forgot your password?" ({@code /login/forgot}) and the page its e-mailed link opens ({@code
 * /login/reset?token=…}), which sets a new password without signing in.
 *
 * <p>The token travels in the query string, not in the path: the panel logs paths only, never query
 * strings, and the form sends it back in its body. Both pages send {@code Referrer-Policy:
 * strict-origin}, so that no request made from them carries the address beyond its origin; not
 * {@code no-referrer}, with which browsers send their forms with {@code Origin: null}, which the
 * request guard rightly refuses.
 */
final class ForgotPasswordController {
  static final String FORGOT = "/login/forgot";
  static final String RESET = ResetPasswordByLinkUseCase.PATH;
  private static final Logger LOG = LoggerFactory.getLogger(ForgotPasswordController.class);
  private static final int MAX_LOGIN = 254;
  // No stored password is longer (Password.MAX_LENGTH); the policy says so for a new one.
  private static final int MAX_PASSWORD = 1_024;
  // A token is 43 characters; anything much longer is not worth reading.
  private static final int MAX_TOKEN = 128;
  private static final List<String> PASSWORD_FIELDS = List.of("password", "repeat");

  private final RequestPasswordResetUseCase request;
  private final ResetPasswordByLinkUseCase reset;
  private final Cookies cookies;
  private final FormTokens formTokens;

  ForgotPasswordController(
      RequestPasswordResetUseCase request,
      ResetPasswordByLinkUseCase reset,
      Cookies cookies,
      FormTokens formTokens) {
    this.request = request;
    this.reset = reset;
    this.cookies = cookies;
    this.formTokens = formTokens;
  }

  void register(RoutesConfig routes) {
    routes.get(FORGOT, ctx -> forgotForm(ctx, 200, "", Map.of()), Access.PUBLIC);
    routes.post(FORGOT, this::requestLink, Access.PUBLIC);
    routes.get(RESET, this::resetForm, Access.PUBLIC);
    routes.post(RESET, this::setPassword, Access.PUBLIC);
  }

  private void requestLink(Context ctx) {
    originOnlyReferrer(ctx);
    String login = Params.form(ctx).text("login");
    Texts texts = Texts.of(ctx);
    var problem =
        login.isBlank()
            ? Optional.of(texts.get("forgot.empty-login"))
            : FieldCheck.problem(texts, login, MAX_LOGIN);
    if (problem.isPresent()) {
      // What cannot be a login is not worth sending back.
      forgotForm(ctx, 400, login.length() > MAX_LOGIN ? "" : login, Map.of("login", problem.get()));
      return;
    }
    switch (request.request(new RequestPasswordResetCommand(login, ctx.ip()))) {
      case RequestPasswordResetResult.Accepted accepted ->
          Pages.seeOther(ctx, AccessPolicy.SIGN_IN + Notice.RESET_LINK_SENT.query());
      case RequestPasswordResetResult.Unavailable unavailable -> forgotForm(ctx, 200, "", Map.of());
      case RequestPasswordResetResult.Throttled throttled -> {
        Pages.retryAfter(ctx, throttled.retryAfter());
        // A refusal of the whole form is summarised as a problem of its one field.
        forgotForm(
            ctx,
            429,
            login,
            Map.of("login", texts.get("forgot.throttled", ctx.res().getHeader("Retry-After"))));
      }
    }
  }

  private void forgotForm(Context ctx, int status, String login, Map<String, String> errors) {
    originOnlyReferrer(ctx);
    Pages.render(
        ctx,
        status,
        "login-forgot",
        Pages.model(
            "available",
            request.available(),
            "login",
            login,
            "csrf",
            formTokens.sign(cookies.formValueOrIssue(ctx)),
            "errors",
            errors));
  }

  private void resetForm(Context ctx) {
    originOnlyReferrer(ctx);
    String token = Params.query(ctx).text("token");
    switch (token.length() > MAX_TOKEN ? new ResetLinkStatus.Unusable() : reset.check(token)) {
      case ResetLinkStatus.Usable usable ->
          renderReset(ctx, 200, token, usable.username().value(), Map.of());
      case ResetLinkStatus.Unusable unusable -> throw unusable(ctx);
    }
  }

  private void setPassword(Context ctx) {
    originOnlyReferrer(ctx);
    Params form = Params.form(ctx);
    String token = form.text("token");
    if (token.length() > MAX_TOKEN) {
      throw unusable(ctx);
    }
    Map<String, String> errors = new LinkedHashMap<>();
    Texts texts = Texts.of(ctx);
    for (String field : PASSWORD_FIELDS) {
      FieldCheck.problem(texts, form.text(field), MAX_PASSWORD)
          .ifPresent(problem -> errors.put(field, problem));
    }
    if (!errors.isEmpty()) {
      switch (reset.check(token)) {
        case ResetLinkStatus.Usable usable ->
            renderReset(ctx, 422, token, usable.username().value(), errors);
        case ResetLinkStatus.Unusable unusable -> throw unusable(ctx);
      }
      return;
    }
    var command =
        new ResetPasswordByLinkCommand(
            token,
            new Password(form.text("password")),
            new Password(form.text("repeat")),
            ctx.ip());
    switch (reset.reset(command)) {
      case ResetPasswordByLinkResult.Changed changed -> {
        // Every session of the operator has ended, this browser's too if it had one.
        if (cookies.hasSessionCookie(ctx)) {
          cookies.clearSession(ctx);
        }
        Pages.seeOther(ctx, AccessPolicy.SIGN_IN + Notice.PASSWORD_RESET_BY_LINK.query());
      }
      case ResetPasswordByLinkResult.Invalid invalid -> {
        switch (reset.check(token)) {
          case ResetLinkStatus.Usable usable ->
              renderReset(
                  ctx, 422, token, usable.username().value(), fieldNames(Texts.of(ctx), invalid));
          case ResetLinkStatus.Unusable unusable -> throw unusable(ctx);
        }
      }
      case ResetPasswordByLinkResult.Unusable unusable -> throw unusable(ctx);
    }
  }

  private static Map<String, String> fieldNames(
      Texts texts, ResetPasswordByLinkResult.Invalid invalid) {
    Map<String, String> named = new LinkedHashMap<>();
    invalid
        .problems()
        .forEach(
            (field, problem) ->
                named.put(
                    switch (field) {
                      case CHOSEN, CURRENT -> "password";
                      case REPEATED -> "repeat";
                    },
                    ProblemTexts.in(texts, problem)));
    return named;
  }

  private void renderReset(
      Context ctx, int status, String token, String username, Map<String, String> errors) {
    Pages.render(
        ctx,
        status,
        "login-reset",
        Pages.model(
            "token",
            token,
            "username",
            username,
            "csrf",
            formTokens.sign(cookies.formValueOrIssue(ctx)),
            "errors",
            errors));
  }

  /** The page for a link that cannot be used, with one line in the log (never the token). */
  private static Halt unusable(Context ctx) {
    LOG.info(
        "Refused a password reset link that is unknown, expired, used or malformed (client {})",
        ctx.ip());
    return Halt.page(
        410,
        Phrase.of("forgot.unusable.title"),
        Phrase.of("forgot.unusable.message"),
        FORGOT,
        Phrase.of("forgot.ask-again"));
  }

  private static void originOnlyReferrer(Context ctx) {
    ctx.header("Referrer-Policy", "strict-origin");
  }
}
