package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.ListOperatorsUseCase;
import io.supportpro.application.port.in.QueryAuditLogUseCase;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The audit log page: filtered by operator, event type and dates, newest first, 50 at a time. */
final class AuditController {
  static final String PAGE = "/admin/audit";
  static final int PAGE_SIZE = 50;
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern POSITION = Pattern.compile("[0-9]{1,18}");
  private static final Pattern IDENTITY =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final int MAX_OPERATOR = 254;

  /** An event type as the select lists it. */
  record TypeOption(String value, String label) {}

  /**
   * An event as the table shows it; an entry that counts repeats also shows how many there were
   * ("1,996 times") and when the last one was, both null for an event that happened once.
   */
  record EventRow(
      String time,
      String type,
      String actor,
      String clientAddress,
      String subject,
      List<String> details,
      String occurrences,
      String lastTime) {
    static EventRow of(RecordedAuditEvent recorded) {
      AuditEvent event = recorded.event();
      boolean repeated = recorded.occurrences() > 1;
      return new EventRow(
          Pages.time(event.at()),
          event.type().name(),
          event.actor().name(),
          event.actor().clientAddress(),
          event.subject(),
          new TreeMap<>(event.details())
              .entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList(),
          repeated ? String.format(Locale.ROOT, "%,d times", recorded.occurrences()) : null,
          repeated ? Pages.time(recorded.lastOccurredAt()) : null);
    }
  }

  private static final List<TypeOption> TYPES =
      Arrays.stream(AuditEventType.values())
          .map(
              type ->
                  new TypeOption(
                      type.name(), type.name().replace('_', ' ').toLowerCase(Locale.ROOT)))
          .toList();

  private final QueryAuditLogUseCase audit;
  private final ListOperatorsUseCase operators;

  AuditController(QueryAuditLogUseCase audit, ListOperatorsUseCase operators) {
    this.audit = audit;
    this.operators = operators;
  }

  void register(RoutesConfig routes) {
    routes.get(PAGE, this::page, Access.ADMINISTRATOR);
  }

  private void page(Context ctx) {
    Params query = Params.query(ctx);
    Map<String, String> values = new LinkedHashMap<>();
    for (String field : List.of("operator", "type", "from", "to")) {
      values.put(field, query.text(field).strip());
    }
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<OperatorId> operator = operator(values.get("operator"), errors);
    Optional<AuditEventType> type = type(values.get("type"), errors);
    Optional<Instant> from = date(values.get("from"), "from", errors);
    Optional<Instant> until =
        date(values.get("to"), "to", errors).map(day -> day.plusSeconds(24 * 60 * 60));
    Optional<Long> older = position(query.text("older"), errors);
    AuditFilter filter = null;
    if (errors.isEmpty()) {
      try {
        filter = new AuditFilter(operator, type, from, until);
      } catch (IllegalArgumentException reversed) {
        errors.put("to", "The end date cannot be before the start date.");
      }
    }
    if (filter == null) {
      render(ctx, 400, values, errors, List.of(), null);
      return;
    }
    AuditPage page = audit.query(filter, older, PAGE_SIZE);
    Map<String, String> olderLink = new LinkedHashMap<>(values);
    String olderUrl =
        page.olderThan()
            .map(
                position -> {
                  olderLink.put("older", Long.toString(position));
                  return Urls.withQuery(PAGE, olderLink);
                })
            .orElse(null);
    List<EventRow> rows = page.events().stream().map(EventRow::of).toList();
    render(ctx, 200, values, errors, rows, olderUrl);
  }

  private static void render(
      Context ctx,
      int status,
      Map<String, String> values,
      Map<String, String> errors,
      List<EventRow> rows,
      String olderUrl) {
    Pages.render(
        ctx,
        status,
        "admin/audit",
        Pages.model(
            "section",
            "audit",
            "values",
            values,
            "errors",
            errors,
            "types",
            TYPES,
            "events",
            rows,
            "olderUrl",
            olderUrl,
            "newestUrl",
            Urls.withQuery(PAGE, values)));
  }

  /** The operator by identity, or by username or e-mail address. */
  private Optional<OperatorId> operator(String text, Map<String, String> errors) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> problem = FieldCheck.problem(text, MAX_OPERATOR);
    if (problem.isPresent()) {
      errors.put("operator", problem.get());
      return Optional.empty();
    }
    if (IDENTITY.matcher(text).matches()) {
      return Optional.of(OperatorId.parse(text));
    }
    Optional<OperatorId> found = operators.findByLogin(text).map(Operator::id);
    if (found.isEmpty()) {
      errors.put("operator", "No operator has this username, e-mail address or identity.");
    }
    return found;
  }

  private static Optional<AuditEventType> type(String text, Map<String, String> errors) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<AuditEventType> type =
        Arrays.stream(AuditEventType.values()).filter(t -> t.name().equals(text)).findFirst();
    if (type.isEmpty()) {
      errors.put("type", "Choose an event type from the list.");
    }
    return type;
  }

  /** The start of the day in UTC. */
  private static Optional<Instant> date(String text, String field, Map<String, String> errors) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (DATE.matcher(text).matches()) {
        return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
    } catch (DateTimeParseException notADate) {
      // Falls through to the message below, as does text of the wrong shape.
    }
    errors.put(field, "Enter a date as yyyy-mm-dd, for example 2026-01-31.");
    return Optional.empty();
  }

  private static Optional<Long> position(String text, Map<String, String> errors) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (!POSITION.matcher(text).matches()) {
      errors.put("older", "The position of older events is not valid; start from the newest.");
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(text));
  }
}
