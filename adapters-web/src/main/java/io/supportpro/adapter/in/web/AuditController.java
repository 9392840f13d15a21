package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.ChooseTimeZoneUseCase;
import io.supportpro.application.port.in.ExportAuditLogCommand;
import io.supportpro.application.port.in.ExportAuditLogUseCase;
import io.supportpro.application.port.in.ListOperatorsUseCase;
import io.supportpro.application.port.in.QueryAuditLogUseCase;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log page, filtered by operator, event type and dates, newest first, 50 at a time, in
 * the reader's time zone; and the same filters exported whole as CSV or JSON Lines.
 */
final class AuditController {
  static final String PAGE = "/admin/audit";
  static final String EXPORT_CSV = PAGE + "/export.csv";
  static final String EXPORT_JSON_LINES = PAGE + "/export.jsonl";
  static final int PAGE_SIZE = 50;
  private static final Logger LOG = LoggerFactory.getLogger(AuditController.class);
  private static final DateTimeFormatter EXPORT_STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern POSITION = Pattern.compile("[0-9]{1,18}");
  private static final Pattern IDENTITY =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final int MAX_OPERATOR = 254;

  /** An event type as the select lists it. */
  record TypeOption(String value, String label) {}

  /** Someone or something an entry names: a link to the operator's page when it is one. */
  record Party(String text, String href) {}

  /** One detail of an entry. */
  record Detail(String key, String value) {}

  /**
   * An event as the table shows it: times as the page reads them and as ISO 8601 for the {@code
   * datetime} attribute, the type's label, the details in one line and in full; an entry that
   * counts repeats also shows how many there were ("1,996 times") and when the last one was, all
   * null for an event that happened once.
   */
  record EventRow(
      String isoTime,
      String time,
      String label,
      Party actor,
      String clientAddress,
      Party subject,
      String summary,
      List<Detail> details,
      String occurrences,
      String isoLastTime,
      String lastTime) {}

  /** How long the one-line summary of an entry's details may grow before it is cut. */
  private static final int SUMMARY_LENGTH = 80;

  private final QueryAuditLogUseCase audit;
  private final ExportAuditLogUseCase exports;
  private final ListOperatorsUseCase operators;
  private final ChooseTimeZoneUseCase timeZones;

  AuditController(
      QueryAuditLogUseCase audit,
      ExportAuditLogUseCase exports,
      ListOperatorsUseCase operators,
      ChooseTimeZoneUseCase timeZones) {
    this.audit = audit;
    this.exports = exports;
    this.operators = operators;
    this.timeZones = timeZones;
  }

  void register(RoutesConfig routes) {
    routes.get(PAGE, this::page, Access.ADMINISTRATOR);
    routes.get(
        EXPORT_CSV, ctx -> export(ctx, ExportAuditLogCommand.Format.CSV), Access.ADMINISTRATOR);
    routes.get(
        EXPORT_JSON_LINES,
        ctx -> export(ctx, ExportAuditLogCommand.Format.JSON_LINES),
        Access.ADMINISTRATOR);
  }

  /**
   * The filters of a request as typed, what is wrong with them by field, and the filter and the
   * position of older events when nothing is.
   */
  private record Filters(
      Map<String, String> values,
      Map<String, String> errors,
      AuditFilter filter,
      Optional<Long> older) {}

  private Filters filters(Context ctx) {
    Params query = Params.query(ctx);
    Map<String, String> values = new LinkedHashMap<>();
    for (String field : List.of("operator", "type", "from", "to")) {
      values.put(field, query.text(field).strip());
    }
    Map<String, String> errors = new LinkedHashMap<>();
    Texts texts = Texts.of(ctx);
    Optional<OperatorId> operator = operator(texts, values.get("operator"), errors);
    Optional<AuditEventType> type = type(texts, values.get("type"), errors);
    Optional<Instant> from = date(texts, values.get("from"), "from", errors);
    Optional<Instant> until =
        date(texts, values.get("to"), "to", errors).map(day -> day.plusSeconds(24 * 60 * 60));
    Optional<Long> older = position(texts, query.text("older"), errors);
    AuditFilter filter = null;
    if (errors.isEmpty()) {
      try {
        filter = new AuditFilter(operator, type, from, until);
      } catch (IllegalArgumentException reversed) {
        errors.put("to", texts.get("audit.range-reversed"));
      }
    }
    return new Filters(values, errors, filter, older);
  }

  private void page(Context ctx) {
    Filters filters = filters(ctx);
    Map<String, String> values = filters.values();
    if (filters.filter() == null) {
      render(ctx, 400, filters, List.of(), null);
      return;
    }
    AuditPage page = audit.query(filters.filter(), filters.older(), PAGE_SIZE);
    Map<String, String> olderLink = new LinkedHashMap<>(values);
    String olderUrl =
        page.olderThan()
            .map(
                position -> {
                  olderLink.put("older", Long.toString(position));
                  return Urls.withQuery(PAGE, olderLink);
                })
            .orElse(null);
    Parties parties = new Parties();
    ZoneId zone = timeZones.timeZone(Visitor.required(ctx).operator().id());
    List<EventRow> rows =
        page.events().stream().map(e -> row(Texts.of(ctx), e, parties, zone)).toList();
    render(ctx, 200, filters, rows, olderUrl);
  }

  /**
   * Streams the entries that pass the page's filters as a download, each written as the log hands
   * it over; a client that goes away part of the way ends the reading (and the audit entry says the
   * export was incomplete).
   */
  private void export(Context ctx, ExportAuditLogCommand.Format format) {
    Filters filters = filters(ctx);
    if (filters.filter() == null) {
      render(ctx, 400, filters, List.of(), null);
      return;
    }
    var command =
        new ExportAuditLogCommand(Visitor.required(ctx).actor(ctx), filters.filter(), format);
    String name =
        "audit-log-" + EXPORT_STAMP.format(Instant.now()) + "." + AuditExport.extension(format);
    ctx.status(200)
        .contentType(AuditExport.contentType(format))
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    // Not try-with-resources: closing flushes what is buffered, which must not happen on failure.
    AuditExport file = AuditExport.open(format, ctx.outputStream(), Texts.of(ctx));
    try {
      exports.export(command, file::write);
      file.close();
    } catch (IOException | UncheckedIOException goneAway) {
      LOG.info("An audit log export ended early: the client stopped reading.");
    } catch (RuntimeException failure) {
      breakOff(ctx, failure);
    }
  }

  /**
   * Before the first bytes went out, the failure becomes its error page like any other; after them,
   * status and headers are long sent, so the connection is cut: a download that stops short must
   * not end like a whole file, nor with an error page appended to it.
   */
  private static void breakOff(Context ctx, RuntimeException failure) {
    if (!ctx.res().isCommitted()) {
      ctx.res().resetBuffer();
      ctx.res().setHeader("Content-Disposition", null);
      throw failure;
    }
    LOG.warn("An audit log export broke off part-way.", failure);
    ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel().abort(failure);
  }

  /** The event types of the filter, in the order of their labels in the language of the texts. */
  private static List<TypeOption> types(Texts texts) {
    return Arrays.stream(AuditEventType.values())
        .map(type -> new TypeOption(type.name(), EventLabels.of(texts, type)))
        .sorted(Comparator.comparing(TypeOption::label))
        .toList();
  }

  private EventRow row(Texts texts, RecordedAuditEvent recorded, Parties parties, ZoneId zone) {
    AuditEvent event = recorded.event();
    boolean repeated = recorded.occurrences() > 1;
    List<Detail> details =
        new TreeMap<>(event.details())
            .entrySet().stream().map(e -> new Detail(e.getKey(), e.getValue())).toList();
    return new EventRow(
        Pages.time(event.at()),
        ReadableTimes.format(event.at(), zone, texts.locale()),
        EventLabels.of(texts, event.type()),
        parties.actor(event),
        event.actor().clientAddress(),
        parties.subject(event.subject()),
        summary(details),
        details,
        repeated ? texts.get("audit.occurrences", recorded.occurrences()) : null,
        repeated ? Pages.time(recorded.lastOccurredAt()) : null,
        repeated ? ReadableTimes.format(recorded.lastOccurredAt(), zone, texts.locale()) : null);
  }

  /** The details in one line, cut with an ellipsis so that a long change stays one line. */
  private static String summary(List<Detail> details) {
    String line = String.join(", ", details.stream().map(d -> d.key() + ": " + d.value()).toList());
    return line.length() <= SUMMARY_LENGTH
        ? line
        : line.substring(0, SUMMARY_LENGTH - 1).stripTrailing() + "\u2026";
  }

  /**
   * Names the operators of one page by their current username, asking for each operator once
   * however many of the page's entries name them.
   */
  private final class Parties {
    private final Map<OperatorId, Optional<Operator>> known = new HashMap<>();

    Party actor(AuditEvent event) {
      return event
          .actor()
          .operator()
          .map(id -> link(id, event.actor().name()))
          .orElseGet(() -> new Party(event.actor().name(), null));
    }

    /** An operator's identity as a link to them; anything else (a plugin, a setting) as it is. */
    Party subject(String subject) {
      if (!IDENTITY.matcher(subject).matches()) {
        return new Party(subject, null);
      }
      return link(OperatorId.parse(subject), subject);
    }

    /** An operator who no longer exists has no page to link to, so keeps the stored text. */
    private Party link(OperatorId id, String fallback) {
      return known
          .computeIfAbsent(id, operators::find)
          .map(o -> new Party(o.username().value(), OperatorsController.LIST + "/" + id))
          .orElseGet(() -> new Party(fallback, null));
    }
  }

  private static void render(
      Context ctx, int status, Filters filters, List<EventRow> rows, String olderUrl) {
    Map<String, String> values = filters.values();
    boolean valid = filters.filter() != null;
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
            filters.errors(),
            "fieldErrors",
            fieldErrors(filters.errors()),
            "csvUrl",
            valid ? Urls.withQuery(EXPORT_CSV, values) : null,
            "jsonLinesUrl",
            valid ? Urls.withQuery(EXPORT_JSON_LINES, values) : null,
            "types",
            types(Texts.of(ctx)),
            "events",
            rows,
            "olderUrl",
            olderUrl,
            "newestUrl",
            Urls.withQuery(PAGE, values)));
  }

  /** The operator by identity, or by username or e-mail address. */
  /** The problems of the form's fields: the position of older events is none, it stays an alert. */
  private static Map<String, String> fieldErrors(Map<String, String> errors) {
    Map<String, String> fields = new LinkedHashMap<>(errors);
    fields.remove("older");
    return fields;
  }

  private Optional<OperatorId> operator(Texts texts, String text, Map<String, String> errors) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> problem = FieldCheck.problem(texts, text, MAX_OPERATOR);
    if (problem.isPresent()) {
      errors.put("operator", problem.get());
      return Optional.empty();
    }
    if (IDENTITY.matcher(text).matches()) {
      return Optional.of(OperatorId.parse(text));
    }
    Optional<OperatorId> found = operators.findByLogin(text).map(Operator::id);
    if (found.isEmpty()) {
      errors.put("operator", texts.get("audit.unknown-operator"));
    }
    return found;
  }

  private static Optional<AuditEventType> type(
      Texts texts, String text, Map<String, String> errors) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<AuditEventType> type =
        Arrays.stream(AuditEventType.values()).filter(t -> t.name().equals(text)).findFirst();
    if (type.isEmpty()) {
      errors.put("type", texts.get("audit.choose-type"));
    }
    return type;
  }

  /** The start of the day in UTC. */
  private static Optional<Instant> date(
      Texts texts, String text, String field, Map<String, String> errors) {
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
    errors.put(field, texts.get("audit.date-format"));
    return Optional.empty();
  }

  private static Optional<Long> position(Texts texts, String text, Map<String, String> errors) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (!POSITION.matcher(text).matches()) {
      errors.put("older", texts.get("audit.older-invalid"));
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(text));
  }
}
