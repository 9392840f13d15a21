package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.ListPluginsUseCase;
import io.supportpro.application.port.in.PassSecondFactorUseCase;
import io.supportpro.domain.plugin.PluginWords;
import io.supportpro.domain.secondfactor.CodeField;

/**
 * The second step of sign-in for a code typed on the panel's page: an authenticator-app or recovery
 * code, or a plugin's code, the page worded as its method asks.
 */
final class SecondFactorController {
  private final PassSecondFactorUseCase secondFactor;
  private final ListPluginsUseCase plugins;
  private final Cookies cookies;

  SecondFactorController(
      PassSecondFactorUseCase secondFactor, ListPluginsUseCase plugins, Cookies cookies) {
    this.secondFactor = secondFactor;
    this.plugins = plugins;
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
    String next = SafeNext.of(Params.form(ctx).text("next"));
    Codes.submit(
        ctx,
        cookies,
        secondFactor::passSecondFactor,
        (context, status, error) -> render(context, status, next, error),
        401,
        accepted -> {
          cookies.setSession(ctx, accepted.token(), accepted.session());
          Pages.seeOther(ctx, next);
        });
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
                        Phrase.of("sign-in.again"),
                        Phrase.of("sign-in.ended"),
                        AccessPolicy.SIGN_IN,
                        Phrase.of("sign-in.link")));
    // A plugin's method words its page and refusals in its own words; the panel's pass through.
    Texts texts = Texts.of(ctx);
    PluginWords words = plugins.words(texts.locale());
    String shownError = error == null ? null : words.text(error);
    Pages.render(
        ctx,
        status,
        "second-factor",
        Pages.model(
            "field",
            new CodeField(
                texts.keyOrText(words.text(field.title())),
                texts.keyOrText(words.text(field.instructions())),
                texts.keyOrText(words.text(field.label()))),
            "next",
            next,
            "csrf",
            visitor.session().csrfToken(),
            "error",
            shownError,
            "errors",
            Pages.fieldError("code", shownError)));
  }
}
