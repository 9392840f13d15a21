package io.supportpro.adapter.in.web;

import io.javalin.http.Context;
import io.supportpro.domain.session.SessionToken;
import java.util.Optional;

/**
 * The panel's two cookies: the session, and the random value behind the CSRF token of the sign-in
 * form. Both are host-only, {@code HttpOnly} and {@code SameSite=Lax}; behind https they are also
 * {@code Secure} and carry the {@code __Host-} prefix, which browsers only accept from this very
 * host over https, so a neighbouring subdomain cannot plant one. Neither has a lifetime: they end
 * with the browser session, and the server decides how long a session lives.
 */
final class Cookies {
  private final boolean secure;
  private final String sessionName;
  private final String formName;

  Cookies(boolean secure) {
    this.secure = secure;
    String prefix = secure ? "__Host-" : "";
    this.sessionName = prefix + "supportpro_session";
    this.formName = prefix + "supportpro_form";
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

  void setSession(Context ctx, SessionToken token) {
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
