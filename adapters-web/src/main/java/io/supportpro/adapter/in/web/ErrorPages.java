package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;
import io.supportpro.application.port.out.StoreUnavailableException;
import io.supportpro.domain.InvalidValueException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a page of the panel. No exception's text or stack trace reaches a
 * response: only messages written for people, and for the unexpected a reference that is logged.
 */
final class ErrorPages {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * How long a visitor is asked to wait when the database is away: the pool reconnects within a few
   * seconds of its return.
   */
  private static final int RETRY_AFTER_SECONDS = 5;

  void register(RoutesConfig routes) {
    routes.exception(Halt.class, (halt, ctx) -> halt(ctx, halt));
    routes.exception(IllegalArgumentException.class, (e, ctx) -> invalid(ctx, e));
    routes.exception(StoreUnavailableException.class, (e, ctx) -> storeUnavailable(ctx, e));
    routes.exception(
        EndpointNotFound.class,
        (e, ctx) -> page(ctx, 404, "error.not-found.title", Phrase.of("error.not-found.message")));
    routes.exception(HttpResponseException.class, (e, ctx) -> httpResponse(ctx, e));
    routes.exception(Exception.class, (e, ctx) -> unexpected(ctx, e));
  }

  private void halt(Context ctx, Halt halt) {
    switch (halt) {
      case Halt.SeeOther redirect -> Pages.seeOther(ctx, redirect.location());
      case Halt.ErrorPage error ->
          page(
              ctx,
              error.status(),
              error.heading(),
              error.detail(),
              null,
              error.link(),
              error.linkLabel());
    }
  }

  /**
   * A broken invariant of a value object: its problem is worded for people. One from a library (a
   * number that does not parse, say) may name internals, so only ours are shown; one of ours
   * without a problem code is an invariant no request should reach, shown in the words it has.
   */
  private void invalid(Context ctx, IllegalArgumentException e) {
    StackTraceElement[] trace = e.getStackTrace();
    boolean ours =
        e.getMessage() != null
            && trace.length > 0
            && trace[0].getClassName().startsWith("io.supportpro.");
    Phrase message =
        switch (e) {
          case InvalidValueException coded -> ProblemTexts.of(coded.problem());
          default -> ours ? Phrase.written(e.getMessage()) : Phrase.of("error.bad-request.invalid");
        };
    page(ctx, 400, "error.bad-request.title", message);
  }

  /**
   * The database is away, which is neither the visitor's fault nor a bug: a page that says so, when
   * to try again, and one line in the log without a stack trace, however many requests it hits.
   */
  private void storeUnavailable(Context ctx, StoreUnavailableException e) {
    LOG.warn("Cannot serve {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
    ctx.header(Header.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
    page(ctx, 503, "error.unavailable.title", Phrase.of("error.unavailable.message"));
  }

  private void httpResponse(Context ctx, HttpResponseException e) {
    int status = e.getStatus();
    if (status >= 400 && status < 500) {
      refused(ctx, status);
    } else {
      unexpected(ctx, e);
    }
  }

  private void refused(Context ctx, int status) {
    switch (status) {
      case 413, 414, 431 ->
          page(ctx, status, "error.too-large.title", Phrase.of("error.too-large.message"));
      case 404 -> page(ctx, 404, "error.not-found.title", Phrase.of("error.not-found.message"));
      case 405 ->
          page(
              ctx,
              405,
              "error.not-allowed-here.title",
              Phrase.of("error.not-allowed-here.message"));
      default ->
          page(ctx, status, "error.bad-request.title", Phrase.of("error.bad-request.message"));
    }
  }

  private void unexpected(Context ctx, Exception e) {
    Optional<HttpException> unreadable = unreadable(e);
    if (unreadable.isPresent()) {
      LOG.info(
          "Refused {} {}: the request could not be read ({} {})",
          ctx.method(),
          ctx.path(),
          unreadable.get().getCode(),
          unreadable.get().getReason());
      refused(ctx, unreadable.get().getCode());
      return;
    }
    String reference = HexFormat.of().formatHex(id());
    LOG.error(
        "Unexpected failure serving {} {} (reference {})", ctx.method(), ctx.path(), reference, e);
    page(
        ctx,
        500,
        Phrase.of("error.unexpected.title"),
        Phrase.of("error.unexpected.message"),
        reference,
        null,
        null);
  }

  /**
   * Jetty's refusal of a request it could not read to the end, raised while a handler reads the
   * body: a body cut off before its announced length, a malformed chunk. The client's doing, so a
   * 4xx; anything else Jetty raises stays unexpected.
   */
  private static Optional<HttpException> unreadable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpException refused
          && refused.getCode() >= 400
          && refused.getCode() < 500) {
        return Optional.of(refused);
      }
    }
    return Optional.empty();
  }

  private static byte[] id() {
    byte[] id = new byte[4];
    RANDOM.nextBytes(id);
    return id;
  }

  private void page(Context ctx, int status, String headingKey, Phrase message) {
    page(ctx, status, Phrase.of(headingKey), message, null, null, null);
  }

  private void page(
      Context ctx,
      int status,
      Phrase heading,
      Phrase message,
      String reference,
      String link,
      Phrase linkLabel) {
    Texts texts = Texts.of(ctx);
    String words = texts.get(heading);
    try {
      Pages.render(
          ctx,
          status,
          "error",
          Pages.model(
              "status",
              status,
              "heading",
              words,
              "message",
              texts.get(message),
              "reference",
              reference,
              "link",
              link,
              "linkLabel",
              linkLabel == null ? null : texts.get(linkLabel)));
    } catch (RuntimeException renderingFailed) {
      LOG.error("Cannot render the error page for status {}", status, renderingFailed);
      ctx.status(status).contentType("text/plain; charset=utf-8").result(words + ".");
    }
  }
}
