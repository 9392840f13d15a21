package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a page of the panel. No exception's text or stack trace reaches a
 * response: only messages written for people, and for the unexpected a reference that is logged.
 */
final class ErrorPages {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  void register(RoutesConfig routes) {
    routes.exception(Halt.class, (halt, ctx) -> halt(ctx, halt));
    routes.exception(IllegalArgumentException.class, (e, ctx) -> invalid(ctx, e));
    routes.exception(
        EndpointNotFound.class,
        (e, ctx) -> page(ctx, 404, "Page not found", "There is nothing at this address.", null));
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
   * A broken invariant of a value object: its message is written for people. One from a library (a
   * number that does not parse, say) may name internals, so only ours are shown.
   */
  private void invalid(Context ctx, IllegalArgumentException e) {
    StackTraceElement[] trace = e.getStackTrace();
    boolean ours =
        e.getMessage() != null
            && trace.length > 0
            && trace[0].getClassName().startsWith("io.supportpro.");
    page(
        ctx,
        400,
        "That request could not be handled",
        ours ? e.getMessage() : "Something in the request is not valid.",
        null);
  }

  private void httpResponse(Context ctx, HttpResponseException e) {
    int status = e.getStatus();
    if (status == 413) {
      page(ctx, 413, "Too large", "The request is too large for the panel to accept.", null);
    } else if (status == 404) {
      page(ctx, 404, "Page not found", "There is nothing at this address.", null);
    } else if (status == 405) {
      page(ctx, 405, "Not possible here", "This page cannot be used that way.", null);
    } else if (status >= 400 && status < 500) {
      page(ctx, status, "That request could not be handled", "The request is not valid.", null);
    } else {
      unexpected(ctx, e);
    }
  }

  private void unexpected(Context ctx, Exception e) {
    String reference = HexFormat.of().formatHex(id());
    LOG.error(
        "Unexpected failure serving {} {} (reference {})", ctx.method(), ctx.path(), reference, e);
    page(
        ctx,
        500,
        "Something went wrong",
        "Something went wrong on our side. Try again in a moment; if it keeps happening, give your"
            + " administrator this reference.",
        reference);
  }

  private static byte[] id() {
    byte[] id = new byte[4];
    RANDOM.nextBytes(id);
    return id;
  }

  private void page(Context ctx, int status, String heading, String message, String reference) {
    page(ctx, status, heading, message, reference, null, null);
  }

  private void page(
      Context ctx,
      int status,
      String heading,
      String message,
      String reference,
      String link,
      String linkLabel) {
    try {
      Pages.render(
          ctx,
          status,
          "error",
          Pages.model(
              "status",
              status,
              "heading",
              heading,
              "message",
              message,
              "reference",
              reference,
              "link",
              link,
              "linkLabel",
              linkLabel));
    } catch (RuntimeException renderingFailed) {
      LOG.error("Cannot render the error page for status {}", status, renderingFailed);
      ctx.status(status).contentType("text/plain; charset=utf-8").result(heading + ".");
    }
  }
}
