package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.DisableTotpUseCase;
import io.supportpro.application.port.in.EnrolTotpUseCase;
import io.supportpro.application.port.in.ListPluginsUseCase;
import io.supportpro.application.port.in.RegenerateRecoveryCodesUseCase;
import io.supportpro.application.port.in.TwoFactorStatus;
import io.supportpro.application.port.in.ViewPluginSecondFactorUseCase;
import io.supportpro.application.port.in.ViewTwoFactorStatusUseCase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An operator's own security page: which second factor confirms their sign-ins (a plugin's, when
 * one applies to them), adding an authenticator app, removing it, and new recovery codes.
 */
final class AccountSecurityController {
  static final String PAGE = "/account/security";
  private static final String SETUP = PAGE + "/totp";
  private static final String QR = SETUP + "/qr.png";
  private static final String BEGIN = SETUP + Codes.BEGIN;
  private static final String DISABLE = SETUP + "/disable";
  private static final String RECOVERY_CODES = PAGE + "/recovery-codes";

  private final ViewTwoFactorStatusUseCase status;
  private final EnrolTotpUseCase enrol;
  private final DisableTotpUseCase disable;
  private final RegenerateRecoveryCodesUseCase regenerate;
  private final ViewPluginSecondFactorUseCase pluginSecondFactor;
  private final ListPluginsUseCase plugins;
  private final Cookies cookies;

  AccountSecurityController(
      ViewTwoFactorStatusUseCase status,
      EnrolTotpUseCase enrol,
      DisableTotpUseCase disable,
      RegenerateRecoveryCodesUseCase regenerate,
      ViewPluginSecondFactorUseCase pluginSecondFactor,
      ListPluginsUseCase plugins,
      Cookies cookies) {
    this.status = status;
    this.enrol = enrol;
    this.disable = disable;
    this.regenerate = regenerate;
    this.pluginSecondFactor = pluginSecondFactor;
    this.plugins = plugins;
    this.cookies = cookies;
  }

  void register(RoutesConfig routes) {
    routes.get(PAGE, ctx -> page(ctx, 200, null, null), Access.SIGNED_IN);
    routes.get(SETUP, ctx -> setup(ctx, 200, null), Access.SIGNED_IN);
    routes.get(QR, this::qr, Access.SIGNED_IN);
    routes.post(BEGIN, this::begin, Access.SIGNED_IN);
    routes.post(SETUP, this::confirm, Access.SIGNED_IN);
    routes.post(DISABLE, this::disable, Access.SIGNED_IN);
    routes.post(RECOVERY_CODES, this::regenerate, Access.SIGNED_IN);
  }

  private void page(Context ctx, int httpStatus, String disableError, String regenerateError) {
    Visitor visitor = Visitor.required(ctx);
    TwoFactorStatus current = status.status(visitor.operator().id());
    // Without an app, or while one is required, an error has no field: it is the page's alert.
    Map<String, String> fieldErrors = new LinkedHashMap<>();
    if (current.enrolled()) {
      Optional.ofNullable(regenerateError).ifPresent(e -> fieldErrors.put("regenerate-code", e));
      if (!current.required()) {
        Optional.ofNullable(disableError).ifPresent(e -> fieldErrors.put("disable-code", e));
      }
    }
    Pages.render(
        ctx,
        httpStatus,
        "account-security",
        Pages.model(
            "section",
            "account",
            "status",
            current,
            "errors",
            fieldErrors,
            "plugin",
            pluginSecondFactor
                .applyingTo(visitor.operator().id())
                .map(plugins.words(Texts.of(ctx).locale())::text)
                .orElse(null),
            "csrf",
            visitor.session().csrfToken(),
            "disableError",
            disableError,
            "regenerateError",
            regenerateError));
  }

  /** The setup begun, or the button that begins one; an enrolled operator has nothing to set up. */
  private void setup(Context ctx, int httpStatus, String error) {
    Visitor visitor = Visitor.required(ctx);
    if (status.status(visitor.operator().id()).enrolled()) {
      // The security page says so and offers what applies instead.
      Pages.seeOther(ctx, PAGE);
      return;
    }
    var setup = enrol.pending(visitor.token()).orElse(null);
    Codes.showSetup(ctx, httpStatus, setup, SETUP, QR, null, PAGE, error);
  }

  private void qr(Context ctx) {
    Codes.qr(ctx, enrol.pending(Visitor.required(ctx).token()).orElseThrow(Halt::notFound));
  }

  private void begin(Context ctx) {
    // Empty when already enrolled: the set-up page then leads back to the security page.
    enrol.begin(Visitor.required(ctx).token(), ctx.ip());
    Pages.seeOther(ctx, SETUP);
  }

  private void confirm(Context ctx) {
    Codes.submit(
        ctx,
        cookies,
        enrol::confirm,
        this::setup,
        422,
        accepted -> Codes.showRecoveryCodes(ctx, accepted, PAGE));
  }

  private void disable(Context ctx) {
    Codes.submit(
        ctx,
        cookies,
        disable::disable,
        (context, status, error) -> page(context, status, error, null),
        422,
        accepted -> Pages.seeOther(ctx, PAGE + Notice.TOTP_DISABLED.query(accepted.notice())));
  }

  private void regenerate(Context ctx) {
    Codes.submit(
        ctx,
        cookies,
        regenerate::regenerate,
        (context, status, error) -> page(context, status, null, error),
        422,
        accepted -> Codes.showRecoveryCodes(ctx, accepted, PAGE));
  }
}
