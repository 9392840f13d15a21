package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.ChooseTimeZoneUseCase;
import io.supportpro.application.port.in.ManageSignInThrottlesUseCase;
import io.supportpro.application.port.in.ThrottleEntry;
import io.supportpro.domain.page.Page;
import io.supportpro.domain.page.PageRequest;
import io.supportpro.domain.throttle.ThrottleKey;
import io.supportpro.domain.throttle.ThrottleState;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** The accounts and addresses with recent failed attempts, and clearing them. */
final class ThrottlesController {
  static final String PAGE = "/admin/throttles";
  private static final int PAGE_SIZE = 25;
  private static final int MAX_VALUE = 254;

  /**
   * A throttled key as the table shows it: an operator's key by the username, the others by their
   * value.
   */
  record ThrottleRow(
      String kind,
      String kindLabel,
      String value,
      String shown,
      int failures,
      String lastFailure,
      String lockedUntil) {
    static ThrottleRow of(Texts texts, ZoneId zone, ThrottleEntry entry) {
      ThrottleState state = entry.state();
      return new ThrottleRow(
          state.key().kind().name(),
          label(texts, state.key().kind()),
          state.key().value(),
          entry.username().orElse(state.key().value()),
          state.failures(),
          ReadableTimes.format(state.lastFailureAt(), zone, texts.locale()),
          state
              .lockedUntil()
              .map(until -> ReadableTimes.format(until, zone, texts.locale()))
              .orElse(null));
    }
  }

  private final ManageSignInThrottlesUseCase throttles;
  private final ChooseTimeZoneUseCase timeZones;

  ThrottlesController(ManageSignInThrottlesUseCase throttles, ChooseTimeZoneUseCase timeZones) {
    this.throttles = throttles;
    this.timeZones = timeZones;
  }

  void register(RoutesConfig routes) {
    routes.get(PAGE, this::page, Access.ADMINISTRATOR);
    routes.post(PAGE + "/clear", this::clear, Access.ADMINISTRATOR);
  }

  private void page(Context ctx) {
    int number = Paging.pageNumber(Params.query(ctx).text("page"));
    Page<ThrottleEntry> page = throttles.list(new PageRequest(number, PAGE_SIZE));
    // Once per page, not per row: the zone is a look-up in the operator store.
    ZoneId zone = timeZones.timeZone(Visitor.required(ctx).operator().id());
    Texts texts = Texts.of(ctx);
    Pages.render(
        ctx,
        200,
        "admin/throttles",
        Pages.model(
            "section",
            "throttles",
            "rows",
            page.items().stream().map(entry -> ThrottleRow.of(texts, zone, entry)).toList(),
            "paging",
            Paging.of(page, n -> Urls.withQuery(PAGE, Map.of("page", n))),
            "csrf",
            Visitor.required(ctx).session().csrfToken()));
  }

  private void clear(Context ctx) {
    Params form = Params.form(ctx);
    Optional<ThrottleKey.Kind> kind =
        Arrays.stream(ThrottleKey.Kind.values())
            .filter(k -> k.name().equals(form.text("kind")))
            .findFirst();
    if (kind.isEmpty()) {
      throw Halt.badRequest("throttles.choose");
    }
    String value = form.text("value");
    Texts texts = Texts.of(ctx);
    Optional<String> problem = FieldCheck.problem(texts, value, MAX_VALUE);
    if (value.isBlank() || problem.isPresent()) {
      throw Halt.badRequest(
          "throttles.choose-then", problem.orElse(texts.get("throttles.missing")));
    }
    throttles.clear(Visitor.required(ctx).actor(ctx), new ThrottleKey(kind.get(), value));
    Pages.seeOther(ctx, PAGE + Notice.THROTTLE_CLEARED.query());
  }

  private static String label(Texts texts, ThrottleKey.Kind kind) {
    return texts.get(
        switch (kind) {
          case ACCOUNT -> "throttles.kind.account";
          case ADDRESS -> "throttles.kind.address";
          case SECOND_FACTOR -> "throttles.kind.second-factor";
        });
  }
}
