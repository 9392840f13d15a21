package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.supportpro.application.port.in.RecordAuditEventUseCase;
import io.supportpro.application.port.in.ResumeSessionUseCase;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.session.SessionToken;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs before every handler: adds the security headers, refuses a body announced as too large,
 * resumes the session once, applies the route's access group, and refuses state-changing requests
 * that another site could have sent.
 */
final class RequestGuard {

  private final Map<String, String> headers;
  private final String publicOrigin;
  private final ResumeSessionUseCase sessions;
  private final RecordAuditEventUseCase audit;
  private final Cookies cookies;
  private final FormTokens formTokens;

  RequestGuard(
      WebSettings settings,
      ResumeSessionUseCase sessions,
      RecordAuditEventUseCase audit,
      Cookies cookies,
      FormTokens formTokens) {
    this.headers = SecurityHeaders.of(settings.secure());
    this.publicOrigin = origin(settings.publicUrl());
    this.sessions = sessions;
    this.audit = audit;
    this.cookies = cookies;
    this.formTokens = formTokens;
  }

  void register(RoutesConfig routes) {
    // Every request, matched or not, so that error pages carry the headers too.
    routes.before(
        ctx -> {
          headers.forEach(ctx::header);
          refuseOversizedBody(ctx);
        });
    routes.beforeMatched(this::guard);
  }

  private void guard(Context ctx) {
    Access access = Access.of(ctx.routeRoles());
    if (access == Access.RESOURCE) {
      return;
    }
    boolean post = ctx.method() == HandlerType.POST;
    if (post && !originAllowed(ctx)) {
      throw refused();
    }
    Optional<Visitor> visitor = resume(ctx);
    visitor.ifPresent(found -> found.attachTo(ctx));
    var decision =
        AccessPolicy.decide(
            access,
            visitor.map(Visitor::active),
            ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD,
            target(ctx),
            cookies.hasSessionCookie(ctx));
    switch (decision) {
      case AccessPolicy.Decision.Allow allow -> {}
      case AccessPolicy.Decision.SignInFirst signIn -> {
        if (cookies.hasSessionCookie(ctx)) {
          cookies.clearSession(ctx);
        }
        throw Halt.seeOther(signIn.location());
      }
      case AccessPolicy.Decision.ContinueSignIn step -> throw Halt.seeOther(step.location());
      case AccessPolicy.Decision.Home home -> throw Halt.seeOther(SafeNext.HOME);
      case AccessPolicy.Decision.Forbidden forbidden -> {
        Visitor operator = visitor.orElseThrow();
        audit.record(
            AuditEventType.ACCESS_DENIED,
            operator.actor(ctx),
            ctx.path(),
            Map.of("method", ctx.method().name()));
        throw Halt.page(403, "error.forbidden.title", Phrase.of("error.forbidden.message"));
      }
    }
    if (post && !csrfTokenValid(ctx, access, visitor)) {
      throw refused();
    }
  }

  /**
   * A body announced as larger than the limit is refused at once, rather than waited for and read
   * up to the limit first (which a client that never sends it would make last until it gives up).
   */
  private static void refuseOversizedBody(Context ctx) {
    if (ctx.req().getContentLengthLong() > WebServer.MAX_REQUEST_BYTES) {
      throw new ContentTooLargeResponse("The request is too large.");
    }
  }

  private Optional<Visitor> resume(Context ctx) {
    Optional<SessionToken> token = cookies.sessionToken(ctx);
    return token.flatMap(sessions::resume).map(active -> new Visitor(token.get(), active));
  }

  /**
   * The sign-in form has no session yet, so it carries the signed double-submit token; every other
   * form carries its session's token.
   */
  private boolean csrfTokenValid(Context ctx, Access access, Optional<Visitor> visitor) {
    String sent = Params.form(ctx).text("csrf");
    if (access == Access.PUBLIC) {
      return formTokens.valid(cookies.formValue(ctx).orElse(null), sent);
    }
    return visitor
        .map(
            found ->
                MessageDigest.isEqual(
                    found.session().csrfToken().getBytes(StandardCharsets.UTF_8),
                    sent.getBytes(StandardCharsets.UTF_8)))
        .orElse(false);
  }

  /** Browsers name the page a form came from; refuse one from any other origin. */
  private boolean originAllowed(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      return true;
    }
    String normalised = origin.strip().toLowerCase(Locale.ROOT);
    return normalised.equals(publicOrigin) || normalised.equals(ownOrigin(ctx));
  }

  private static String ownOrigin(Context ctx) {
    String host = ctx.header("Host");
    return host == null ? "" : (ctx.scheme() + "://" + host).toLowerCase(Locale.ROOT);
  }

  private static String origin(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    int port = url.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("https") && port == 443)
            || (scheme.equals("http") && port == 80);
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }

  private static String target(Context ctx) {
    String query = ctx.queryString();
    return query == null || query.isEmpty() ? ctx.path() : ctx.path() + "?" + query;
  }

  private static Halt refused() {
    return Halt.page(403, "error.form-refused.title", Phrase.of("error.form-refused.message"));
  }
}
