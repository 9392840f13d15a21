package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.ChooseTimeZoneUseCase;
import io.supportpro.application.port.in.EndSessionCommand;
import io.supportpro.application.port.in.EndSessionResult;
import io.supportpro.application.port.in.ManageSessionsUseCase;
import io.supportpro.application.port.in.SessionSummary;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.session.ClientDescription;
import io.supportpro.domain.session.SessionHandle;
import io.supportpro.domain.session.SessionStage;
import java.time.ZoneId;
import java.util.List;

/**
 * An operator's list of where they are signed in, with signing out one session or all others; and
 * an administrator's ending of any operator's session from the operator's page.
 */
final class SessionsController {
  static final String PAGE = "/account/sessions";
  private static final String END = PAGE + "/end";
  private static final String END_OTHERS = PAGE + "/end-others";
  private static final String ADMIN_END = OperatorsController.LIST + "/{id}/sessions/end";

  /** A session as the table shows it; the handle names it in forms, never its token or key. */
  record SessionRow(
      String handle,
      String stage,
      String browser,
      String system,
      String address,
      String startedAt,
      String startedAtText,
      String lastActiveAt,
      String lastActiveAtText,
      boolean current) {
    static SessionRow of(Texts texts, ZoneId zone, SessionSummary summary) {
      return new SessionRow(
          summary.handle().value(),
          stageLabel(texts, summary.stage()),
          known(texts, summary.browser()),
          known(texts, summary.system()),
          summary.address().isEmpty() ? texts.get("sessions.unknown") : summary.address(),
          Pages.time(summary.startedAt()),
          ReadableTimes.format(summary.startedAt(), zone, texts.locale()),
          Pages.time(summary.lastActiveAt()),
          ReadableTimes.format(summary.lastActiveAt(), zone, texts.locale()),
          summary.current());
    }

    /** A browser's or system's name; the one for none that is recognised, in the reader's words. */
    private static String known(Texts texts, String name) {
      return name.equals(ClientDescription.UNKNOWN) ? texts.get("sessions.unknown") : name;
    }

    private static String stageLabel(Texts texts, SessionStage stage) {
      return texts.get(
          switch (stage) {
            case SIGNED_IN -> "sessions.stage.signed-in";
            case AWAITING_SECOND_FACTOR -> "sessions.stage.awaiting-second-factor";
            case AWAITING_ENROLMENT -> "sessions.stage.awaiting-enrolment";
          });
    }
  }

  private final ManageSessionsUseCase sessions;
  private final ChooseTimeZoneUseCase timeZones;

  SessionsController(ManageSessionsUseCase sessions, ChooseTimeZoneUseCase timeZones) {
    this.sessions = sessions;
    this.timeZones = timeZones;
  }

  void register(RoutesConfig routes) {
    routes.get(PAGE, this::page, Access.SIGNED_IN);
    routes.post(END, this::endOwn, Access.SIGNED_IN);
    routes.post(END_OTHERS, this::endOthers, Access.SIGNED_IN);
    routes.post(ADMIN_END, this::endAnyones, Access.ADMINISTRATOR);
  }

  /** The rows of an operator's sessions as the visitor may see them. */
  static List<SessionRow> rows(
      Texts texts, ZoneId zone, ManageSessionsUseCase sessions, Visitor visitor, OperatorId whose) {
    return summaries(sessions, visitor, whose).stream()
        .map(summary -> SessionRow.of(texts, zone, summary))
        .toList();
  }

  /** How many sessions of an operator the visitor may see. */
  static int count(ManageSessionsUseCase sessions, Visitor visitor, OperatorId whose) {
    return summaries(sessions, visitor, whose).size();
  }

  private static List<SessionSummary> summaries(
      ManageSessionsUseCase sessions, Visitor visitor, OperatorId whose) {
    return sessions.list(visitor.active(), whose).orElseThrow(SessionsController::notAllowed);
  }

  private void page(Context ctx) {
    Visitor visitor = Visitor.required(ctx);
    OperatorId own = visitor.operator().id();
    List<SessionRow> rows = rows(Texts.of(ctx), timeZones.timeZone(own), sessions, visitor, own);
    Pages.render(
        ctx,
        200,
        "account-sessions",
        Pages.model(
            "section",
            "sessions",
            "sessions",
            rows,
            "others",
            rows.stream().anyMatch(row -> !row.current()),
            "csrf",
            visitor.session().csrfToken()));
  }

  private void endOwn(Context ctx) {
    Visitor visitor = Visitor.required(ctx);
    end(ctx, visitor, visitor.operator().id(), PAGE);
  }

  private void endAnyones(Context ctx) {
    OperatorId whose;
    try {
      whose = OperatorId.parse(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw Halt.notFound();
    }
    end(ctx, Visitor.required(ctx), whose, OperatorsController.LIST + "/" + whose);
  }

  private void end(Context ctx, Visitor visitor, OperatorId whose, String back) {
    var handle = new SessionHandle(Params.form(ctx).text("session"));
    var result = sessions.end(new EndSessionCommand(visitor.active(), whose, handle, ctx.ip()));
    switch (result) {
      case EndSessionResult.Ended ended -> Pages.seeOther(ctx, back + Notice.SESSION_ENDED.query());
      case EndSessionResult.NotFound notFound ->
          Pages.seeOther(ctx, back + Notice.SESSION_ALREADY_ENDED.query());
      case EndSessionResult.NotAllowed notAllowed -> throw notAllowed();
    }
  }

  private void endOthers(Context ctx) {
    var result = sessions.endOthers(Visitor.required(ctx).active(), ctx.ip());
    switch (result) {
      case EndSessionResult.Ended ended ->
          Pages.seeOther(ctx, PAGE + Notice.OTHER_SESSIONS_ENDED.query());
      // This session itself was ended meanwhile, from another of the operator's sessions.
      case EndSessionResult.NotFound notFound ->
          Pages.seeOther(ctx, "/login" + Notice.SIGN_IN_ENDED.query());
      case EndSessionResult.NotAllowed notAllowed -> throw notAllowed();
    }
  }

  private static Halt notAllowed() {
    return Halt.page(403, "sessions.not-allowed.title", Phrase.of("sessions.not-allowed.message"));
  }
}
