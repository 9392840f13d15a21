package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.supportpro.application.port.in.RequestPasswordResetUseCase;
import io.supportpro.application.port.in.SignInCommand;
import io.supportpro.application.port.in.SignInResult;
import io.supportpro.application.port.in.SignInUseCase;
import io.supportpro.application.port.in.SignOutUseCase;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.Session;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sign-in form ({@code /login}) and signing out ({@code /logout}). */
final class SignInController {
  private static final int MAX_LOGIN = 254;
  private static final int MAX_PASSWORD = 1_024;

  private final SignInUseCase signIn;
  private final SignOutUseCase signOut;
  private final PromptController prompts;
  private final Cookies cookies;
  private final FormTokens formTokens;
  private final RequestPasswordResetUseCase forgotPassword;

  SignInController(
      SignInUseCase signIn,
      SignOutUseCase signOut,
      PromptController prompts,
      Cookies cookies,
      FormTokens formTokens,
      RequestPasswordResetUseCase forgotPassword) {
    this.signIn = signIn;
    this.signOut = signOut;
    this.prompts = prompts;
    this.cookies = cookies;
    this.formTokens = formTokens;
    this.forgotPassword = forgotPassword;
  }

  void register(RoutesConfig routes) {
    routes.get("/login", this::form, Access.PUBLIC);
    routes.post("/login", this::signIn, Access.PUBLIC);
    routes.post("/logout", this::signOut, Access.SIGN_OUT);
  }

  private void form(Context ctx) {
    if (Visitor.of(ctx).map(visitor -> visitor.session().signedIn()).orElse(false)) {
      Pages.seeOther(ctx, SafeNext.HOME);
      return;
    }
    String next = SafeNext.of(Params.query(ctx).text("next"));
    render(ctx, 200, "", next, Map.of(), null);
  }

  private void signIn(Context ctx) {
    Params form = Params.form(ctx);
    String login = form.text("login");
    String password = form.text("password");
    String next = SafeNext.of(form.text("next"));
    Map<String, String> problems = new LinkedHashMap<>();
    Texts texts = Texts.of(ctx);
    FieldCheck.problem(texts, login, MAX_LOGIN)
        .ifPresent(problem -> problems.put("login", problem));
    FieldCheck.problem(texts, password, MAX_PASSWORD)
        .ifPresent(problem -> problems.put("password", problem));
    if (!problems.isEmpty()) {
      // What cannot be a login is not worth sending back.
      render(ctx, 400, login.length() > MAX_LOGIN ? "" : login, next, problems, null);
      return;
    }
    SignInResult result =
        signIn.signIn(
            new SignInCommand(
                login, new Password(password), ctx.ip(), ctx.header(Header.USER_AGENT)));
    switch (result) {
      case SignInResult.SessionStarted started -> {
        // A browser holds one session: whatever it had before ends now, server-side.
        Visitor.of(ctx).ifPresent(previous -> signOut.signOut(previous.token(), ctx.ip()));
        if (started.session().secondFactor().kind() == SecondFactor.Kind.PROMPT) {
          // Straight on to the prompt: a page in between would only ask for one more click. How
          // the prompt starts decides which cookie the browser gets, so that it gets only one.
          prompts.redirectToPrompt(ctx, started.token(), next);
        } else {
          cookies.setSession(ctx, started.token(), started.session());
          Pages.seeOther(ctx, afterPassword(started.session(), next));
        }
      }
      case SignInResult.InvalidCredentials invalid ->
          render(ctx, 401, login, next, Map.of(), texts.get("sign-in.invalid-credentials"));
      case SignInResult.Throttled throttled ->
          render(ctx, 429, login, next, Map.of(), Pages.retryAfter(ctx, throttled.retryAfter()));
      case SignInResult.Busy busy -> {
        ctx.header("Retry-After", Long.toString(Math.max(1, busy.retryAfter().toSeconds())));
        render(ctx, 503, login, next, Map.of(), texts.get("sign-in.busy"));
      }
      case SignInResult.Deactivated deactivated ->
          render(ctx, 403, login, next, Map.of(), texts.get("sign-in.deactivated"));
    }
  }

  /** Where a new session goes next: the page asked for, or the step still due. */
  private static String afterPassword(Session session, String next) {
    return session.signedIn() ? next : AccessPolicy.stepOf(session) + SafeNext.asQuery(next);
  }

  private void signOut(Context ctx) {
    Visitor visitor = Visitor.required(ctx);
    signOut.signOut(visitor.token(), ctx.ip());
    cookies.clearSession(ctx);
    Pages.seeOther(ctx, AccessPolicy.SIGN_IN + Notice.SIGNED_OUT.query());
  }

  private void render(
      Context ctx,
      int status,
      String login,
      String next,
      Map<String, String> problems,
      String formError) {
    String csrf = formTokens.sign(cookies.formValueOrIssue(ctx));
    Pages.render(
        ctx,
        status,
        "login",
        Pages.model(
            "login",
            login,
            "next",
            next,
            "csrf",
            csrf,
            "errors",
            problems,
            "formError",
            formError,
            // A refusal of the whole form is summarised as a problem of the first field.
            "summary",
            formError == null ? problems : Pages.fieldError("login", formError),
            "forgotAvailable",
            forgotPassword.available()));
  }
}
