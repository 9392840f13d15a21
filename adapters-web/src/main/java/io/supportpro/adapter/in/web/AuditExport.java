package io.supportpro.adapter.in.web;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.supportpro.application.port.in.ExportAuditLogCommand;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.operator.OperatorId;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A download of audit entries, written to the response entry by entry as the log hands them over:
 * CSV for spreadsheets, JSON Lines (one JSON object a line) for programs.
 */
abstract sealed class AuditExport implements Closeable {
  /** The columns of the CSV file, and the fields of each JSON line, in this order. */
  static final List<String> FIELDS =
      List.of(
          "position",
          "time",
          "type",
          "event",
          "actor",
          "actor_id",
          "client_address",
          "subject",
          "occurrences",
          "last_time",
          "details");

  private final Texts texts;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
          .build();

  private AuditExport(Texts texts) {
    this.texts = texts;
  }

  /** Starts a download of the format onto the stream, its labels in the language of the texts. */
  static AuditExport open(ExportAuditLogCommand.Format format, OutputStream out, Texts texts) {
    try {
      return switch (format) {
        case CSV -> new Csv(out, texts);
        case JSON_LINES -> new JsonLines(out, texts);
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The media type of the format's files. */
  static String contentType(ExportAuditLogCommand.Format format) {
    return switch (format) {
      case CSV -> "text/csv; charset=utf-8";
      case JSON_LINES -> "application/jsonl; charset=utf-8";
    };
  }

  /** The ending of the format's file names. */
  static String extension(ExportAuditLogCommand.Format format) {
    return switch (format) {
      case CSV -> "csv";
      case JSON_LINES -> "jsonl";
    };
  }

  /** Writes one entry; a client that went away surfaces as an {@link UncheckedIOException}. */
  final void write(RecordedAuditEvent entry) {
    try {
      writeEntry(entry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  abstract void writeEntry(RecordedAuditEvent entry) throws IOException;

  /** The label of the entry's type, in the language the export was asked for in. */
  final String label(AuditEvent event) {
    return EventLabels.of(texts, event.type());
  }

  private static String actorId(AuditEvent event) {
    return event.actor().operator().map(OperatorId::toString).orElse("");
  }

  private static Map<String, String> sortedDetails(AuditEvent event) {
    return new TreeMap<>(event.details());
  }

  private static String lastTime(RecordedAuditEvent entry) {
    return entry.occurrences() > 1 ? Pages.time(entry.lastOccurredAt()) : "";
  }

  /**
   * CSV with a header row, each entry's details as one JSON object in the last column. Text that a
   * spreadsheet would take for a formula (a cell that begins with =, +, -, @, a tab or a carriage
   * return) is written with a leading apostrophe, so that opening an export never runs what an
   * attacker typed as a username.
   */
  static final class Csv extends AuditExport {
    private final CSVPrinter printer;

    private Csv(OutputStream out, Texts texts) throws IOException {
      super(texts);
      printer =
          CSVFormat.RFC4180
              .builder()
              .setHeader(FIELDS.toArray(String[]::new))
              .get()
              .print(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 8192));
    }

    @Override
    void writeEntry(RecordedAuditEvent entry) throws IOException {
      AuditEvent event = entry.event();
      printer.printRecord(
          Long.toString(entry.position()),
          Pages.time(event.at()),
          event.type().name(),
          label(event),
          neutralised(event.actor().name()),
          actorId(event),
          neutralised(event.actor().clientAddress()),
          neutralised(event.subject()),
          Long.toString(entry.occurrences()),
          lastTime(entry),
          neutralised(detailsAsJson(event)));
    }

    /** The text as a spreadsheet shows it without evaluating it. */
    static String neutralised(String cell) {
      if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
        return "'" + cell;
      }
      return cell;
    }

    private static String detailsAsJson(AuditEvent event) throws IOException {
      StringWriter text = new StringWriter();
      try (JsonGenerator json = JSON.createGenerator(text)) {
        writeObject(json, sortedDetails(event));
      }
      return text.toString();
    }

    @Override
    public void close() throws IOException {
      printer.close(true);
    }
  }

  /** One JSON object a line, with the details as a nested object. */
  static final class JsonLines extends AuditExport {
    private final JsonGenerator json;

    private JsonLines(OutputStream out, Texts texts) throws IOException {
      super(texts);
      json = JSON.createGenerator(out, JsonEncoding.UTF8);
      json.setRootValueSeparator(null);
    }

    @Override
    void writeEntry(RecordedAuditEvent entry) throws IOException {
      AuditEvent event = entry.event();
      json.writeStartObject();
      json.writeNumberField("position", entry.position());
      json.writeStringField("time", Pages.time(event.at()));
      json.writeStringField("type", event.type().name());
      json.writeStringField("event", label(event));
      json.writeStringField("actor", event.actor().name());
      json.writeStringField("actor_id", actorId(event));
      json.writeStringField("client_address", event.actor().clientAddress());
      json.writeStringField("subject", event.subject());
      json.writeNumberField("occurrences", entry.occurrences());
      json.writeStringField("last_time", lastTime(entry));
      json.writeFieldName("details");
      writeObject(json, sortedDetails(event));
      json.writeEndObject();
      json.writeRaw('\n');
    }

    @Override
    public void close() throws IOException {
      json.close();
    }
  }

  private static void writeObject(JsonGenerator json, Map<String, String> fields)
      throws IOException {
    json.writeStartObject();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      json.writeStringField(field.getKey(), field.getValue());
    }
    json.writeEndObject();
  }
}
