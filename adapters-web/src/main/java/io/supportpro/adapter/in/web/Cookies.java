package io.supportpro.adapter.in.web;

import io.javalin.http.Context;
import io.supportpro.application.port.in.RecogniseBrowserUseCase;
import io.supportpro.domain.session.Session;
import io.supportpro.domain.session.SessionToken;
import java.time.Duration;
import java.util.Optional;

/**
 * The panel's cookies: the session, the random value behind the CSRF token of the sign-in form, and
 * the browser's own random value, by which a sign-in from a browser not seen before is told. All
 * are host-only, {@code HttpOnly} and {@code SameSite=Lax}; behind https they are also {@code
 * Secure} and carry the {@code __Host-} prefix, which browsers only accept from this very host over
 * https, so a neighbouring subdomain cannot plant one. The first two have no lifetime: they end
 * with the browser session, and the server decides how long a session lives; the browser's value
 * lives as long as the panel remembers browsers.
 */
final class Cookies {
  // As long as the panel remembers a browser not signed in from.
  private static final Duration BROWSER_LIFETIME = Duration.ofDays(400);

  private final boolean secure;
  private final String sessionName;
  private final String formName;
  private final String browserName;
  private final RecogniseBrowserUseCase browsers;

  Cookies(boolean secure, RecogniseBrowserUseCase browsers) {
    this.secure = secure;
    String prefix = secure ? "__Host-" : "";
    this.sessionName = prefix + "supportpro_session";
    this.formName = prefix + "supportpro_form";
    this.browserName = prefix + "supportpro_browser";
    this.browsers = browsers;
  }

  String sessionName() {
    return sessionName;
  }

  /** The session token the browser sent, if it has the shape of one. */
  Optional<SessionToken> sessionToken(Context ctx) {
    return SessionToken.parse(ctx.cookie(sessionName));
  }

  /** True when the browser sent a session cookie of any shape. */
  boolean hasSessionCookie(Context ctx) {
    return ctx.cookie(sessionName) != null;
  }

  /**
   * Gives the browser its session, as a use case answered it; when the session is signed in, the
   * browser is also recognised (and its operator told if it is new to them), since every completed
   * sign-in passes here.
   */
  void setSession(Context ctx, SessionToken token, Session session) {
    setPendingSession(ctx, token);
    browsers
        .recognise(session, Optional.ofNullable(ctx.cookie(browserName)))
        .ifPresent(
            value ->
                ctx.res()
                    .addHeader(
                        "Set-Cookie",
                        browserName
                            + "="
                            + value
                            + "; Max-Age="
                            + BROWSER_LIFETIME.toSeconds()
                            + attributes()));
  }

  /** Gives the browser a session that is still on its way to being signed in. */
  void setPendingSession(Context ctx, SessionToken token) {
    ctx.res().addHeader("Set-Cookie", sessionName + "=" + token.value() + attributes());
  }

  void clearSession(Context ctx) {
    ctx.res().addHeader("Set-Cookie", sessionName + "=; Max-Age=0" + attributes());
  }

  /** The random value behind the sign-in form's token, if the browser holds a valid one. */
  Optional<String> formValue(Context ctx) {
    return Optional.ofNullable(ctx.cookie(formName)).filter(FormTokens::wellFormed);
  }

  /** The browser's form value, issuing a new one when it has none. */
  String formValueOrIssue(Context ctx) {
    return formValue(ctx)
        .orElseGet(
            () -> {
              String value = SessionToken.randomText();
              ctx.res().addHeader("Set-Cookie", formName + "=" + value + attributes());
              return value;
            });
  }

  private String attributes() {
    return "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
  }
}
