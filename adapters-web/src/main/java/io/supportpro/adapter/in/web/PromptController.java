package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.CompletePromptUseCase;
import io.supportpro.application.port.in.ListPluginsUseCase;
import io.supportpro.application.port.in.PromptCallbackCommand;
import io.supportpro.application.port.in.PromptCallbackResult;
import io.supportpro.application.port.in.PromptStartResult;
import io.supportpro.application.port.in.StartPromptUseCase;
import io.supportpro.domain.plugin.PluginWords;
import io.supportpro.domain.session.SessionToken;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The prompt step of signing in, for every plugin whose second factor sends the browser elsewhere:
 * the redirect right after the password, a page with a button for a session that comes back to the
 * step, and the callback addresses the prompts send the browser back to. The redirect to a prompt
 * is the only one that leaves the panel, and its address comes from the use case, never from the
 * request.
 */
final class PromptController {
  private final StartPromptUseCase start;
  private final CompletePromptUseCase complete;
  private final ListPluginsUseCase plugins;
  private final Cookies cookies;

  PromptController(
      StartPromptUseCase start,
      CompletePromptUseCase complete,
      ListPluginsUseCase plugins,
      Cookies cookies) {
    this.start = start;
    this.complete = complete;
    this.plugins = plugins;
    this.cookies = cookies;
  }

  void register(RoutesConfig routes) {
    routes.get(AccessPolicy.PROMPT_STEP, this::page, Access.PROMPT_STEP);
    routes.post(AccessPolicy.PROMPT_STEP, this::start, Access.PROMPT_STEP);
    // The shared address and every plugin's own, such as one its provider already knows.
    for (String path : complete.callbackPaths()) {
      routes.get(path, this::callback, Access.PROMPT_CALLBACK);
    }
  }

  /** A session back at its prompt step: a button that starts the prompt again. */
  private void page(Context ctx) {
    Visitor visitor = Visitor.required(ctx);
    String next = SafeNext.of(Params.query(ctx).text("next"));
    String provider =
        visitor
            .session()
            .secondFactor()
            .plugin()
            .flatMap(id -> PluginsController.inWords(ctx, plugins, id))
            .map(plugin -> plugin.descriptor().name())
            .orElse("your second factor");
    Pages.render(
        ctx,
        200,
        "prompt",
        Pages.model("next", next, "provider", provider, "csrf", visitor.session().csrfToken()));
  }

  private void start(Context ctx) {
    redirectToPrompt(
        ctx, Visitor.required(ctx).token(), SafeNext.of(Params.form(ctx).text("next")));
  }

  /**
   * Sends the browser of a session that awaits a prompt straight to it, with the session's cookie
   * to come back with; a page only when the prompt cannot be used. Each outcome sets or clears the
   * cookie once, since a browser just past the password holds none for this session yet.
   */
  void redirectToPrompt(Context ctx, SessionToken token, String next) {
    switch (start.start(token, ctx.ip(), next)) {
      case PromptStartResult.Redirect redirect -> {
        cookies.setPendingSession(ctx, token);
        Pages.seeOther(ctx, toPrompt(redirect.location()));
      }
      case PromptStartResult.SignedInWithoutSecondFactor signedIn -> {
        cookies.setSession(ctx, signedIn.token(), signedIn.session());
        Pages.seeOther(ctx, withNotice(next, Notice.SECOND_FACTOR_SKIPPED));
      }
      case PromptStartResult.Refused refused -> {
        // The use case has ended the half-signed-in session.
        cookies.clearSession(ctx);
        Visitor.detach(ctx);
        throw Halt.page(
            refused.unavailable() ? 503 : 403,
            Phrase.of("prompt.refused.title"),
            refused
                .problem()
                .map(ProblemTexts::of)
                .orElse(
                    Phrase.written(plugins.words(Texts.of(ctx).locale()).text(refused.message()))),
            AccessPolicy.SIGN_IN,
            Phrase.of("sign-in.again"));
      }
      case PromptStartResult.SessionEnded ended -> Codes.startAgain(ctx, cookies);
    }
  }

  /**
   * A prompt sends the browser back here with GET, with or without the session that went there: a
   * state that is not this browser's is answered with a message, not a sign-in form.
   */
  private void callback(Context ctx) {
    Params query = Params.query(ctx);
    Map<String, String> answer = new HashMap<>(query.all());
    answer.remove("state");
    var command =
        new PromptCallbackCommand(cookies.sessionToken(ctx), query.text("state"), answer, ctx.ip());
    switch (complete.complete(command)) {
      case PromptCallbackResult.SignedIn signedIn -> {
        cookies.setSession(ctx, signedIn.token(), signedIn.session());
        // Checked again on the way out: the stored page came from a form.
        Pages.seeOther(ctx, SafeNext.of(signedIn.returnTo()));
      }
      // The first arrival of this callback sets the new cookie; this one leaves it alone.
      case PromptCallbackResult.Duplicate duplicate ->
          Pages.seeOther(ctx, SafeNext.of(duplicate.returnTo()));
      case PromptCallbackResult.Rejected rejected -> {
        forgetEndedSignIn(ctx, rejected.endedSignIn());
        throw Halt.page(
            rejected.reason() == PromptCallbackResult.Reason.UNAVAILABLE ? 503 : 403,
            Phrase.of("prompt.not-signed-in.title"),
            rejection(rejected, plugins.words(Texts.of(ctx).locale())),
            AccessPolicy.SIGN_IN,
            Phrase.of("sign-in.again"));
      }
      case PromptCallbackResult.Throttled throttled -> {
        forgetEndedSignIn(ctx, throttled.endedSignIn());
        throw Halt.page(
            429,
            Phrase.of("prompt.not-signed-in.title"),
            Phrase.written(Pages.retryAfter(ctx, throttled.retryAfter())),
            AccessPolicy.SIGN_IN,
            Phrase.of("sign-in.again"));
      }
    }
  }

  /**
   * Clears the cookie of the sign-in a refused callback ended. Any other cookie stays: a full
   * session's, and one whose waiting session had already gone, since an earlier arrival of the same
   * callback may have completed that sign-in and given the browser a new cookie of the same name.
   */
  private void forgetEndedSignIn(Context ctx, boolean ended) {
    if (ended) {
      cookies.clearSession(ctx);
      Visitor.detach(ctx);
    }
  }

  /**
   * The prompt's address as the use case gave it; anything but an absolute web address is a fault.
   */
  private static String toPrompt(URI location) {
    String scheme =
        location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
    if (!location.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalStateException("the prompt's address is not a web address");
    }
    return location.toASCIIString();
  }

  private static String withNotice(String next, Notice notice) {
    return next + (next.contains("?") ? "&" : "?") + notice.query().substring(1);
  }

  /**
   * Why a callback was refused: the panel's own reasons in the reader's language, a method's
   * refusal or unavailability in the words the method gave.
   */
  private static Phrase rejection(PromptCallbackResult.Rejected rejected, PluginWords words) {
    return switch (rejected.reason()) {
      case UNKNOWN_STATE, OTHER_BROWSER, SESSION_ENDED ->
          Phrase.of("prompt.rejected.not-this-sign-in");
      case EXPIRED -> Phrase.of("prompt.rejected.expired");
      case SETTINGS_CHANGED -> Phrase.of("prompt.rejected.settings-changed");
      case REFUSED, UNAVAILABLE -> Phrase.written(words.text(rejected.message()));
    };
  }
}
