package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.application.port.in.ExportAuditLogUseCase;
import io.supportpro.application.port.out.StoreUnavailableException;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit log as administrators read and export it, over HTTP. */
class AuditLogIT {
  private static final Instant DAY = Instant.parse("2026-01-05T10:00:00Z");

  private TestPanel panel;
  private Browser admin;
  private Operator administrator;
  private Operator olivia;

  @BeforeEach
  void start() {
    panel = TestPanel.start();
    admin = panel.browser();
    signIn(admin, TestPanel.ADMIN, TestPanel.PASSWORD);
    administrator = panel.operator(TestPanel.ADMIN);
    olivia = panel.operator(TestPanel.OPERATOR);
  }

  @AfterEach
  void stop() {
    panel.close();
  }

  private Actor byAdministrator() {
    return Actor.operator(administrator.id(), "admin", "192.0.2.10");
  }

  private void record(
      int second, AuditEventType type, Actor actor, String subject, Map<String, String> details) {
    panel.audit.append(new AuditEvent(DAY.plusSeconds(second), type, actor, subject, details));
  }

  private static String tableOf(Response page) {
    String body = page.body();
    return body.substring(body.indexOf("<tbody>"), body.indexOf("</tbody>"));
  }

  @Test
  void anEventType_hasTheSameLabelInTheFilterAndInTheTable_andNoCodeIsShown() {
    record(1, AuditEventType.PLUGIN_SETTINGS_CHANGED, byAdministrator(), "sso-prompt", Map.of());

    Response page = admin.get("/admin/audit?type=PLUGIN_SETTINGS_CHANGED");

    String label = EventLabels.of(Texts.in(Locale.ENGLISH), AuditEventType.PLUGIN_SETTINGS_CHANGED);
    assertThat(label).isEqualTo("Plugin settings changed");
    assertThat(page.body())
        .contains("<option value=\"PLUGIN_SETTINGS_CHANGED\" selected=\"selected\">" + label)
        .doesNotContain(">PLUGIN_SETTINGS_CHANGED<");
    assertThat(tableOf(page)).contains("<span>" + label + "</span>");
    assertThat(page.text()).doesNotContain("PLUGIN_SETTINGS_CHANGED", "plugin settings changed");
  }

  @Test
  void everyEventType_hasItsOwnLabel() {
    assertThat(
            Arrays.stream(AuditEventType.values())
                .map(type -> EventLabels.of(Texts.in(Locale.ENGLISH), type))
                .distinct()
                .count())
        .isEqualTo(AuditEventType.values().length);
  }

  @Test
  void operators_areNamedByUsernameAndLinkedToTheirPage_otherSubjectsAsTheyAre() {
    record(1, AuditEventType.OPERATOR_UPDATED, byAdministrator(), olivia.id().toString(), Map.of());
    record(2, AuditEventType.PLUGIN_ACTIVATED, byAdministrator(), "sso-prompt", Map.of());
    record(3, AuditEventType.SIGN_IN_FAILED, Actor.anonymous("ghost", "192.0.2.9"), "", Map.of());

    String table = tableOf(admin.get("/admin/audit"));

    assertThat(table)
        .contains(
            "<a href=\"/admin/operators/" + administrator.id() + "\">admin</a>",
            "<a href=\"/admin/operators/" + olivia.id() + "\">olivia</a>",
            "<span>sso-prompt</span>",
            "<span>ghost</span>",
            "<td data-label=\"Actor\" class=\"token\">");
    assertThat(Html.text(table)).doesNotContain(olivia.id().toString());
  }

  @Test
  void anOperatorWhoIsGone_keepsTheStoredNameAndIdentityWithoutALink() {
    OperatorId gone = OperatorId.random();
    record(
        1,
        AuditEventType.OPERATOR_UPDATED,
        Actor.operator(gone, "former", "192.0.2.3"),
        gone.toString(),
        Map.of());

    String table = tableOf(admin.get("/admin/audit"));

    assertThat(table)
        .contains("<span>former</span>", "<span>" + gone + "</span>")
        .doesNotContain("href=\"/admin/operators/" + gone + "\"");
  }

  @Test
  void theShortTokenCells_mayNotBeBrokenMidWord() {
    String css = admin.get("/assets/app.css").body();

    assertThat(css).contains(".token { overflow-wrap: break-word; word-break: normal;");
  }

  @Test
  void details_areOneLineThatOpensWithoutScript() {
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      many.put("setting%02d".formatted(i), "old value " + i + " -> new value " + i);
    }
    record(1, AuditEventType.PLUGIN_SETTINGS_CHANGED, byAdministrator(), "sso-prompt", many);

    Response page = admin.get("/admin/audit");

    String table = tableOf(page);
    assertThat(table).contains("<details>", "<summary>", "<dt>setting19</dt>");
    String summary = Html.unescape(table.replaceAll("(?s)^.*?<summary>([^<]*)</summary>.*$", "$1"));
    assertThat(summary).startsWith("setting00: old value 0 -> new value 0, ").endsWith("\u2026");
    assertThat(summary.length()).isLessThanOrEqualTo(80);
    assertThat(page.body()).doesNotContain("<script", "style=");
  }

  @Test
  void timesAreReadable_andNameTheirZone() {
    record(0, AuditEventType.SIGNED_OUT, byAdministrator(), "", Map.of());

    String table = tableOf(admin.get("/admin/audit"));

    assertThat(table)
        .contains("<time datetime=\"2026-01-05T10:00:00Z\">5 Jan 2026, 10:00:00 UTC</time>");
  }

  @Test
  void thePage_linksToExportsOfTheSameFilters() {
    Response page = admin.get("/admin/audit?type=SIGN_IN_FAILED&from=2026-01-05");

    assertThat(page.body())
        .contains(
            "href=\"/admin/audit/export.csv?type=SIGN_IN_FAILED&amp;from=2026-01-05\"",
            "href=\"/admin/audit/export.jsonl?type=SIGN_IN_FAILED&amp;from=2026-01-05\"");
  }

  private static List<CSVRecord> csv(Response answer) throws IOException {
    return CSVFormat.RFC4180
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .get()
        .parse(new StringReader(answer.body()))
        .getRecords();
  }

  @Test
  void theCsvExport_isTheFilteredViewNewestFirst_asAnAttachment_andIsAudited() throws Exception {
    record(1, AuditEventType.SIGN_IN_FAILED, Actor.anonymous("first", "192.0.2.1"), "", Map.of());
    record(2, AuditEventType.SIGNED_OUT, byAdministrator(), "", Map.of());
    record(
        3,
        AuditEventType.SIGN_IN_FAILED,
        Actor.anonymous("second", "192.0.2.2"),
        "",
        Map.of("reason", "invalid credentials"));
    record(4, AuditEventType.SIGN_IN_FAILED, byAdministrator(), olivia.id().toString(), Map.of());

    Response export = admin.get("/admin/audit/export.csv?type=SIGN_IN_FAILED&operator=");

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(export.header("Content-Disposition"))
        .hasValueSatisfying(
            value ->
                assertThat(value)
                    .matches("attachment; filename=\"audit-log-\\d{8}T\\d{6}Z\\.csv\""));
    List<CSVRecord> rows = csv(export);
    assertThat(rows).extracting(row -> row.get("type")).containsOnly("SIGN_IN_FAILED");
    assertThat(rows)
        .extracting(row -> row.get("actor"))
        .containsSequence("admin", "second", "first");
    CSVRecord second = rows.get(1);
    assertThat(second.get("event")).isEqualTo("Sign-in failed");
    assertThat(second.get("time")).isEqualTo("2026-01-05T10:00:03Z");
    assertThat(second.get("client_address")).isEqualTo("192.0.2.2");
    assertThat(second.get("details")).isEqualTo("{\"reason\":\"invalid credentials\"}");
    assertThat(rows.getFirst().get("actor_id")).isEqualTo(administrator.id().toString());
    assertThat(rows.getFirst().get("subject")).isEqualTo(olivia.id().toString());

    AuditEvent exported =
        panel.audit.all().stream()
            .filter(e -> e.type() == AuditEventType.AUDIT_LOG_EXPORTED)
            .findFirst()
            .orElseThrow();
    assertThat(exported.actor().operator()).contains(administrator.id());
    assertThat(exported.actor().clientAddress()).isEqualTo("127.0.0.1");
    assertThat(exported.details())
        .containsEntry("format", "csv")
        .containsEntry("type", "SIGN_IN_FAILED")
        .containsEntry("entries", Integer.toString(rows.size()))
        .containsEntry("complete", "yes");
  }

  @Test
  void theCsvExport_neutralisesWhatASpreadsheetWouldRunAsAFormula() throws Exception {
    record(
        1,
        AuditEventType.SIGN_IN_FAILED,
        Actor.anonymous("=HYPERLINK(\"http://evil.example\",\"x\")", "192.0.2.1"),
        "+1+1",
        Map.of());
    record(
        2, AuditEventType.SIGN_IN_FAILED, Actor.anonymous("@SUM(A1)", "192.0.2.1"), "-2", Map.of());
    record(
        3, AuditEventType.SIGN_IN_FAILED, Actor.anonymous("-1+1", "192.0.2.1"), "plain", Map.of());

    List<CSVRecord> rows = csv(admin.get("/admin/audit/export.csv?type=SIGN_IN_FAILED"));

    assertThat(rows)
        .extracting(row -> row.get("actor"))
        .containsExactly("'-1+1", "'@SUM(A1)", "'=HYPERLINK(\"http://evil.example\",\"x\")");
    assertThat(rows).extracting(row -> row.get("subject")).containsExactly("plain", "'-2", "'+1+1");
  }

  @Test
  void theJsonLinesExport_isOneObjectALine_withTheFilters() throws Exception {
    record(
        1,
        AuditEventType.SIGN_IN_FAILED,
        Actor.anonymous("ghost", "192.0.2.1"),
        "",
        Map.of("reason", "=\"quoted\"\nline"));
    record(2, AuditEventType.SIGN_IN_SUCCEEDED, byAdministrator(), "", Map.of());
    record(
        86_400, AuditEventType.SIGN_IN_FAILED, Actor.anonymous("later", "192.0.2.1"), "", Map.of());

    Response export =
        admin.get("/admin/audit/export.jsonl?type=SIGN_IN_FAILED&from=2026-01-05&to=2026-01-05");

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Type")).hasValue("application/jsonl; charset=utf-8");
    assertThat(export.header("Content-Disposition"))
        .hasValueSatisfying(
            value ->
                assertThat(value)
                    .startsWith("attachment; filename=\"audit-log-")
                    .endsWith(".jsonl\""));
    String[] lines = export.body().split("\n");
    assertThat(lines).hasSize(1);
    Map<String, String> fields = flat(lines[0]);
    assertThat(fields)
        .containsEntry("type", "SIGN_IN_FAILED")
        .containsEntry("event", "Sign-in failed")
        .containsEntry("actor", "ghost")
        .containsEntry("details.reason", "=\"quoted\"?line")
        .containsEntry("time", "2026-01-05T10:00:01Z");
  }

  /** The fields of one JSON object, nested ones as {@code outer.inner}; fails on broken JSON. */
  private static Map<String, String> flat(String line) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    List<String> path = new ArrayList<>();
    try (JsonParser json = new JsonFactory().createParser(line)) {
      String name = null;
      for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
        switch (token) {
          case FIELD_NAME -> name = json.currentName();
          case START_OBJECT -> {
            if (name != null) {
              path.add(name);
            }
          }
          case END_OBJECT -> {
            if (!path.isEmpty()) {
              path.removeLast();
            }
          }
          default -> {
            String prefix = path.isEmpty() ? "" : String.join(".", path) + ".";
            fields.put(prefix + name, json.getText());
          }
        }
      }
    }
    return fields;
  }

  @Test
  void aLargeExport_isStreamedWithoutALengthKnownInAdvance() throws Exception {
    for (int i = 0; i < 5_000; i++) {
      record(i, AuditEventType.SIGN_IN_FAILED, Actor.anonymous("u" + i, "192.0.2.1"), "", Map.of());
    }

    Response export = admin.get("/admin/audit/export.csv?type=SIGN_IN_FAILED");

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Length")).isEmpty();
    assertThat(csv(export))
        .hasSize(5_000)
        .first()
        .satisfies(row -> assertThat(row.get("actor")).isEqualTo("u4999"));
  }

  @Test
  void theExports_areForAdministratorsOnly() {
    Browser operator = panel.browser();
    signIn(operator, TestPanel.OPERATOR, TestPanel.PASSWORD);
    Browser anonymous = panel.browser();

    for (String export : List.of("/admin/audit/export.csv", "/admin/audit/export.jsonl")) {
      Response refused = operator.get(export);
      assertThat(refused.status()).as(export).isEqualTo(403);
      assertThat(refused.header("Content-Disposition")).as(export).isEmpty();
      Response stranger = anonymous.get(export);
      assertThat(stranger.status()).as(export).isIn(302, 303, 401, 403);
      assertThat(stranger.header("Content-Disposition")).as(export).isEmpty();
    }
    assertThat(panel.audit.all())
        .noneMatch(event -> event.type() == AuditEventType.AUDIT_LOG_EXPORTED);
  }

  @Test
  void hostileFilters_ofAnExport_answerThePageWithTheProblemAnd400() {
    List<String> hostile =
        List.of(
            "type=NOT_A_TYPE",
            "type=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "operator=" + "x".repeat(300),
            "operator=ab%00c%07",
            "from=2026-13-01",
            "to=%27%20OR%20%271%27%3D%271",
            "from=2026-02-01&to=2026-01-01",
            "older=-1");
    for (String format : List.of("csv", "jsonl")) {
      for (String query : hostile) {
        Response refused = admin.get("/admin/audit/export." + format + "?" + query);
        assertThat(refused.status()).as(query).isEqualTo(400);
        assertThat(refused.header("Content-Type").orElse("")).as(query).startsWith("text/html");
        assertThat(refused.header("Content-Disposition")).as(query).isEmpty();
        assertThat(refused.body())
            .as(query)
            .containsAnyOf("class=\"field-error\"", "class=\"alert alert-error\"")
            .doesNotContain("<script>alert");
      }
    }
    assertThat(panel.audit.all())
        .noneMatch(event -> event.type() == AuditEventType.AUDIT_LOG_EXPORTED);
  }

  /**
   * A database that goes away after the first rows cannot turn the download into an error page (its
   * headers are long sent): the transfer breaks off, so the file is not taken for whole.
   */
  @Test
  void anExportWhoseDatabaseGoesAwayPartWay_breaksOffInsteadOfLookingComplete() {
    RecordedAuditEvent entry =
        new RecordedAuditEvent(
            1,
            AuditEvent.of(
                DAY, AuditEventType.SIGNED_OUT, Actor.anonymous("ghost", "192.0.2.1"), ""));
    try (TestPanel failing =
        TestPanel.start(
            useCases ->
                UseCaseOverrides.replace(
                    useCases,
                    (ExportAuditLogUseCase)
                        (command, each) -> {
                          for (int i = 0; i < 5_000; i++) {
                            each.accept(entry);
                          }
                          throw new StoreUnavailableException("the database went away", null);
                        }))) {
      Browser browser = failing.browser();
      signIn(browser, TestPanel.ADMIN, TestPanel.PASSWORD);

      assertThatThrownBy(() -> browser.get("/admin/audit/export.csv"))
          .isInstanceOf(UncheckedIOException.class);
    }
  }
}
