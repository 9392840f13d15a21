package io.supportpro.adapter.in.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/** Renders pages inside the layout, with what every page shows, and helps handlers answer. */
final class Pages {
  static final String HTML = "text/html; charset=utf-8";

  /** The request attribute that says whether the panel sends e-mail, for the pages that tell. */
  static final String SENDS_EMAIL = "supportpro.sendsEmail";

  private Pages() {}

  /** Renders the template with the model and the layout's own values. */
  static void render(Context ctx, int status, String template, Map<String, Object> model) {
    Map<String, Object> all = new HashMap<>(model);
    all.put("viewer", Visitor.of(ctx).map(Viewer::of).orElse(null));
    all.putIfAbsent("notice", notice(ctx));
    all.putIfAbsent("section", "");
    all.putIfAbsent("sendsEmail", Boolean.TRUE.equals(ctx.attribute(SENDS_EMAIL)));
    ctx.status(status);
    ctx.render(template, all);
    ctx.contentType(HTML);
  }

  /** A model from name and value pairs; values may be null. */
  static Map<String, Object> model(Object... pairs) {
    Map<String, Object> model = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      model.put((String) pairs[i], pairs[i + 1]);
    }
    return model;
  }

  /**
   * The error summary's entries for a form of one field: that field's error, or none while it has
   * none.
   */
  static Map<String, String> fieldError(String field, String error) {
    return error == null ? Map.of() : Map.of(field, error);
  }

  /** A 303 to the location, the answer to every successful form (Post/Redirect/Get). */
  static void seeOther(Context ctx, String location) {
    ctx.status(303).header("Location", location);
  }

  /** Sets {@code Retry-After} and returns the message that goes with it. */
  static String retryAfter(Context ctx, Duration wait) {
    long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    ctx.header("Retry-After", Long.toString(seconds));
    return Texts.of(ctx).get("throttle.retry-after", seconds);
  }

  /** An instant as the pages show it: ISO 8601 in UTC, to the second. */
  static String time(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  private static String notice(Context ctx) {
    if (ctx.method() != HandlerType.GET) {
      return null;
    }
    try {
      Params query = Params.query(ctx);
      Texts texts = Texts.of(ctx);
      return Notice.named(query.text("notice"))
          .map(notice -> notice.message(texts) + Notice.mailFailure(texts, query))
          .orElse(null);
    } catch (Halt unreadable) {
      return null;
    }
  }
}
