package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.ChooseTimeZoneUseCase;
import io.supportpro.application.port.in.ChooseTimeZoneUseCase.TimeZoneChoice;
import java.time.Instant;

/** The operator's own time zone, in which the panel shows them times (the audit log's). */
final class TimeZoneController {
  static final String PAGE = "/account/time-zone";
  private static final int MAX_LENGTH = 64;

  private final ChooseTimeZoneUseCase timeZones;

  TimeZoneController(ChooseTimeZoneUseCase timeZones) {
    this.timeZones = timeZones;
  }

  void register(RoutesConfig routes) {
    routes.get(PAGE, ctx -> form(ctx, 200, null), Access.SIGNED_IN);
    routes.post(PAGE, this::choose, Access.SIGNED_IN);
  }

  private void form(Context ctx, int status, String error) {
    Visitor visitor = Visitor.required(ctx);
    var current = timeZones.timeZone(visitor.operator().id());
    Pages.render(
        ctx,
        status,
        "account-time-zone",
        Pages.model(
            "section",
            "account",
            "zones",
            timeZones.zones(),
            "current",
            current.getId(),
            "example",
            ReadableTimes.format(Instant.now(), current, Texts.of(ctx).locale()),
            "error",
            error,
            "errors",
            Pages.fieldError("zone", error),
            "csrf",
            visitor.session().csrfToken()));
  }

  private void choose(Context ctx) {
    Visitor visitor = Visitor.required(ctx);
    String zone = Params.form(ctx).text("zone");
    var problem = FieldCheck.problem(Texts.of(ctx), zone, MAX_LENGTH);
    if (problem.isPresent()) {
      form(ctx, 422, problem.get());
      return;
    }
    switch (timeZones.choose(visitor.actor(ctx), visitor.operator().id(), zone)) {
      case TimeZoneChoice.Chosen chosen ->
          Pages.seeOther(ctx, PAGE + Notice.TIME_ZONE_SAVED.query());
      case TimeZoneChoice.UnknownZone unknown ->
          form(ctx, 422, Texts.of(ctx).get("time-zone.unknown"));
      case TimeZoneChoice.NoSuchOperator gone -> throw Halt.notFound();
    }
  }
}
