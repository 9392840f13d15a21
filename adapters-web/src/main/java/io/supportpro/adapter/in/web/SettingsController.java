package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.ForceTwoFactorUseCase;
import java.util.Optional;

/** The panel-wide settings: for now, whether two-factor authentication is required of everyone. */
final class SettingsController {
  static final String PAGE = "/admin/settings";
  private static final String CHECKED = "true";

  private final ForceTwoFactorUseCase forceTwoFactor;

  SettingsController(ForceTwoFactorUseCase forceTwoFactor) {
    this.forceTwoFactor = forceTwoFactor;
  }

  void register(RoutesConfig routes) {
    routes.get(
        PAGE, ctx -> render(ctx, 200, forceTwoFactor.required(), null), Access.ADMINISTRATOR);
    routes.post(PAGE, this::save, Access.ADMINISTRATOR);
  }

  private void save(Context ctx) {
    Optional<String> sent = Params.form(ctx).optional("requireTwoFactor");
    // A ticked box sends its value and an unticked one sends nothing; anything else was not sent by
    // this form.
    if (sent.isPresent() && !sent.get().equals(CHECKED)) {
      render(ctx, 400, forceTwoFactor.required(), Texts.of(ctx).get("settings.tick-or-leave"));
      return;
    }
    forceTwoFactor.require(Visitor.required(ctx).actor(ctx), sent.isPresent());
    Pages.seeOther(ctx, PAGE + Notice.SETTINGS_SAVED.query());
  }

  private static void render(Context ctx, int status, boolean required, String error) {
    Pages.render(
        ctx,
        status,
        "admin/settings",
        Pages.model(
            "section",
            "settings",
            "required",
            required,
            "csrf",
            Visitor.required(ctx).session().csrfToken(),
            "error",
            error,
            "errors",
            Pages.fieldError("requireTwoFactor", error)));
  }
}
