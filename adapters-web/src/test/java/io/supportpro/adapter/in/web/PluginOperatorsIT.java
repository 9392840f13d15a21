package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static io.supportpro.adapter.in.web.testing.PluginSteps.CODE;
import static io.supportpro.adapter.in.web.testing.PluginSteps.PROMPT;
import static io.supportpro.adapter.in.web.testing.PluginSteps.act;
import static io.supportpro.adapter.in.web.testing.PluginSteps.installAndActivate;
import static io.supportpro.adapter.in.web.testing.PluginSteps.operatorsPage;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setForOperator;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setUpCode;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setUpPrompt;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.CodePlugin;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.PromptPlugin;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.adapter.in.web.testing.TestPlugins;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plugin's operators page: who signs in with its second factor, searched, paged, enabled and
 * disabled, for every plugin that offers one and for no other.
 */
class PluginOperatorsIT {
  private static final String OPERATORS = operatorsPage(PROMPT);

  private TestPanel panel;
  private Browser admin;

  @BeforeEach
  void start() {
    panel = TestPanel.start();
    admin = panel.browser();
    signIn(admin, TestPanel.ADMIN, TestPanel.PASSWORD);
    setUpPrompt(admin, "closed");
  }

  @AfterEach
  void stop() {
    panel.close();
  }

  private Optional<String> enabledFor(PluginId plugin, String username) {
    return panel.plugins.operatorValue(plugin, panel.operator(username).id(), "enabled");
  }

  private Optional<String> promptValue(String username) {
    return enabledFor(PromptPlugin.ID, username);
  }

  @Test
  void theList_isSearchableAndPagedBy25WithEachOperatorsStatus() {
    for (int i = 0; i < 30; i++) {
      panel.create("agent%02d".formatted(i), "operator");
    }

    Response first = admin.get(OPERATORS);
    assertThat(first.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(first);
    assertThat(first.body()).contains("<title>Operators using Example Prompt · SupportPro</title>");
    assertThat(first.text())
        .contains("Operators using Example Prompt", "By default no operator uses it.");
    assertThat(first.body())
        .contains("<th scope=\"col\">Example Prompt</th>")
        .contains("href=\"/admin/plugins/example-prompt/settings\">Example Prompt settings</a>");
    assertThat(first.body().split("<tr>", -1)).hasSize(1 + 1 + 25);
    assertThat(first.text()).contains("agent00", "Not enabled").doesNotContain("olivia");
    Operator agent23 = panel.operator("agent23");
    String next = OPERATORS + "?after=" + agent23.id() + "%3Aagent23";
    assertThat(Html.link(first.body(), "next")).hasValue(next);

    Response second = admin.get(next);
    assertThat(second.text()).contains("agent24", "olivia").doesNotContain("agent23");
    assertThat(Html.link(second.body(), "prev"))
        .hasValue(OPERATORS + "?before=" + panel.operator("agent24").id() + "%3Aagent24");
    Response filtered = admin.get(OPERATORS + "?status=not-enabled&role=operator");
    assertThat(Html.link(filtered.body(), "next"))
        .hasValue(
            OPERATORS
                + "?status=not-enabled&role=operator&after="
                + panel.operator("agent24").id()
                + "%3Aagent24");

    Response search = admin.get(OPERATORS + "?q=AGENT1");
    assertThat(search.body().split("<tr>", -1)).hasSize(1 + 1 + 10);
    assertThat(search.text()).contains("agent10", "agent19").doesNotContain("agent20");
    assertThat(admin.get(OPERATORS + "?q=nobody-like-this").text()).contains("No operators match.");
    assertThat(admin.get(OPERATORS + "?q=GENT1").text()).contains("No operators match.");
    assertThat(admin.get(OPERATORS + "?after=x").status()).isEqualTo(400);
    assertThat(admin.get(OPERATORS + "?before=" + agent23.id()).status()).isEqualTo(400);
    assertThat(admin.get(OPERATORS + "?after=" + agent23.id() + ":" + "z".repeat(300)).status())
        .isEqualTo(400);
    assertThat(admin.get(OPERATORS + "?after=" + agent23.id() + ":zzz").text())
        .contains("No operators match.");
  }

  @Test
  void whileThePluginIsNotConfigured_thePageSaysWhyAndEnablingIsRefused() {
    Operator olivia = panel.operator(TestPanel.OPERATOR);
    panel.plugins.setOperatorValueIfActive(
        PromptPlugin.ID, olivia.id(), "enabled", Optional.of("true"));
    panel.plugins.saveSettingsIfActive(PromptPlugin.ID, PluginSettings.EMPTY);
    Operator admin0 = panel.operator(TestPanel.ADMIN);

    Response page = admin.get(OPERATORS);
    Response refused = setForOperator(admin, PROMPT, admin0.id().toString(), true);
    Response disabled = setForOperator(admin, PROMPT, olivia.id().toString(), false);

    assertThat(page.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(page);
    assertThat(page.text())
        .contains("Example Prompt is active but not configured, so it cannot be enabled")
        .contains("built-in two-factor authentication");
    assertThat(page.body())
        .contains("href=\"/admin/plugins/example-prompt/settings\"")
        .doesNotContain(">Enable<")
        .contains(">Disable<");
    assertThat(refused.status()).isEqualTo(409);
    PagesIT.assertWellFormedPage(refused);
    assertThat(refused.text()).contains("Example Prompt is not configured", "Go to the settings");
    assertThat(refused.body()).contains("href=\"/admin/plugins/example-prompt/settings\"");
    assertThat(promptValue(TestPanel.ADMIN)).isEmpty();
    assertThat(disabled.status()).as("disabling stays possible").isEqualTo(303);
    assertThat(promptValue(TestPanel.OPERATOR)).isEmpty();
  }

  @Test
  void enablingAndDisabling_returnsToTheSamePageAndIsAudited() {
    for (int i = 0; i < 30; i++) {
      panel.create("agent%02d".formatted(i), "operator");
    }
    Operator target = panel.operator("agent27");
    String position = panel.operator("agent24").id() + ":agent24";
    String page = OPERATORS + "?q=agent&after=" + position.replace(":", "%3A");
    Response list = admin.get(page);
    assertThat(Html.inputValue(list.body(), "q")).hasValue("agent");
    assertThat(Html.inputValue(list.body(), "after")).hasValue(position);
    assertThat(Html.inputValue(list.body(), "before")).hasValue("");

    Response enabled = submit(admin, page, OPERATORS + "/" + target.id(), fields("true", list));
    assertThat(enabled.status()).isEqualTo(303);
    String row = "&operator=" + target.id() + "#operator-" + target.id();
    assertThat(enabled.location()).hasValue(page + "&notice=plugin-enabled" + row);
    Response back = admin.follow(enabled);
    assertThat(back.text())
        .contains("Example Prompt was enabled for agent27.", "agent25")
        .doesNotContain("agent24@");
    assertThat(back.text()).containsPattern("agent27 Operator agent27 agent27@example.com Enabled");
    assertThat(back.body())
        .contains("Disable</span><span class=\"visually-hidden\"> Example Prompt for agent27");
    assertThat(promptValue("agent27")).hasValue("true");

    Response disabled = submit(admin, page, OPERATORS + "/" + target.id(), fields("false", list));
    assertThat(disabled.location()).hasValue(page + "&notice=plugin-disabled" + row);
    assertThat(admin.follow(disabled).text())
        .contains(
            "Example Prompt was disabled for agent27; they sign in with their authenticator app, or"
                + " with their password only if they have none.")
        .containsPattern("agent27 Operator agent27 agent27@example.com Not enabled");
    assertThat(promptValue("agent27")).isEmpty();

    List<AuditEvent> changes =
        panel.audit.all().stream()
            .filter(
                e ->
                    e.type() == AuditEventType.PLUGIN_ENABLED_FOR_OPERATOR
                        || e.type() == AuditEventType.PLUGIN_DISABLED_FOR_OPERATOR)
            .toList();
    assertThat(changes)
        .extracting(AuditEvent::type)
        .containsExactly(
            AuditEventType.PLUGIN_ENABLED_FOR_OPERATOR,
            AuditEventType.PLUGIN_DISABLED_FOR_OPERATOR);
    assertThat(changes)
        .allSatisfy(
            e -> {
              assertThat(e.subject()).isEqualTo(target.id().toString());
              assertThat(e.actor().name()).isEqualTo(TestPanel.ADMIN);
              assertThat(e.details()).containsEntry("username", "agent27");
            });
  }

  // --- many at once

  private List<AuditEvent> bulkChanges() {
    return panel.audit.all().stream()
        .filter(
            e ->
                e.type() == AuditEventType.PLUGIN_ENABLED_FOR_OPERATORS
                    || e.type() == AuditEventType.PLUGIN_DISABLED_FOR_OPERATORS)
        .toList();
  }

  @Test
  void theList_isFilteredByStatusRoleAndActivity_withItsCounts() {
    for (int i = 0; i < 5; i++) {
      panel.create("agent%02d".formatted(i), "operator");
    }
    setForOperator(admin, PROMPT, panel.operator("agent01").id().toString(), true);
    setForOperator(admin, PROMPT, panel.operator(TestPanel.ADMIN).id().toString(), true);

    Response all = admin.get(OPERATORS);
    Response enabledOperators = admin.get(OPERATORS + "?status=enabled&role=operator");
    Response notEnabled = admin.get(OPERATORS + "?q=agent&status=not-enabled&active=yes");

    PagesIT.assertWellFormedPage(all);
    assertThat(all.text())
        .contains("7 operators match; Example Prompt is enabled for 2 of them.")
        .contains("Enable for all 7 matching operators", "Disable for all 7 matching operators")
        .containsPattern("admin Operator admin admin@example.com Enabled Administrator");
    assertThat(enabledOperators.text())
        .contains("1 operator matches; Example Prompt is enabled for 1 of them.", "agent01")
        .doesNotContain("agent02");
    assertThat(Html.inputValue(enabledOperators.body(), "status")).hasValue("enabled");
    assertThat(notEnabled.text())
        .contains("4 operators match; Example Prompt is enabled for 0 of them.")
        .doesNotContain("Disable for all");
    assertThat(admin.get(OPERATORS + "?status=everyone").status()).isEqualTo(400);
    assertThat(admin.get(OPERATORS + "?role=root").status()).isEqualTo(400);
  }

  @Test
  void enablingAndDisablingSelected_returnsToTheListWithTheCount_inOneAuditEntryEach() {
    for (int i = 0; i < 5; i++) {
      panel.create("agent%02d".formatted(i), "operator");
    }
    String page = OPERATORS + "?q=agent&role=operator";
    Response list = admin.get(page);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("q", "agent");
    fields.put("role", "operator");
    fields.put("enabled", "true");
    fields.put("operator-" + panel.operator("agent01").id(), "on");
    fields.put("operator-" + panel.operator("agent03").id(), "on");

    Response enabled = submit(admin, page, OPERATORS + "/selected", fields);

    assertThat(list.body()).contains("Enable selected", "Disable selected");
    assertThat(enabled.status()).isEqualTo(303);
    assertThat(enabled.location())
        .hasValue(page + "&notice=plugin-enabled-for-many&count=2#operators");
    assertThat(admin.follow(enabled).text())
        .contains("Example Prompt was enabled for 2 more operators.");
    assertThat(promptValue("agent01")).hasValue("true");
    assertThat(promptValue("agent03")).hasValue("true");
    assertThat(promptValue("agent02")).isEmpty();

    fields.put("enabled", "false");
    Response asked = submit(admin, page, OPERATORS + "/selected", fields);
    assertThat(asked.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(asked);
    assertThat(asked.text())
        .contains("Disable Example Prompt for 2 selected operators?")
        .contains(
            "2 operators use Example Prompt and will sign in with their authenticator app or"
                + " password only: 0 with their authenticator app, 2 with their password only.");
    assertThat(promptValue("agent01")).as("asking changes nothing").hasValue("true");
    fields.put("confirmed", "yes");
    Response disabled = submit(admin, page, OPERATORS + "/selected", fields);
    assertThat(admin.follow(disabled).text())
        .contains("Example Prompt was disabled for 2 operators; they sign in with their");
    assertThat(promptValue("agent01")).isEmpty();

    assertThat(bulkChanges())
        .extracting(AuditEvent::type)
        .containsExactly(
            AuditEventType.PLUGIN_ENABLED_FOR_OPERATORS,
            AuditEventType.PLUGIN_DISABLED_FOR_OPERATORS);
    assertThat(bulkChanges())
        .allSatisfy(
            e -> {
              assertThat(e.actor().name()).isEqualTo(TestPanel.ADMIN);
              assertThat(e.details()).containsEntry("count", "2").containsEntry("selected", "2");
            });
  }

  @Test
  void enablingForAllMatching_asksFirstWithTheCount_thenChangesThemAllInOneAuditEntry() {
    for (int i = 0; i < 30; i++) {
      panel.create("agent%02d".formatted(i), "operator");
    }
    Response list = admin.get(OPERATORS + "?q=agent");
    String confirmation = OPERATORS + "/all?q=agent&enabled=true";
    assertThat(list.body())
        .contains("href=\"/admin/plugins/example-prompt/operators/all?q=agent&amp;enabled=true\"");

    Response asked = admin.get(confirmation);
    assertThat(asked.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(asked);
    assertThat(asked.text())
        .contains("Enable Example Prompt for all 30 matching operators?")
        .contains("Each of them will confirm every sign-in with Example Prompt.");
    assertThat(promptValue("agent00")).isEmpty();

    Response done =
        submit(admin, confirmation, OPERATORS + "/all", Map.of("q", "agent", "enabled", "true"));

    assertThat(done.location())
        .hasValue(OPERATORS + "?q=agent&notice=plugin-enabled-for-many&count=30#operators");
    assertThat(promptValue("agent29")).hasValue("true");
    assertThat(promptValue(TestPanel.OPERATOR)).isEmpty();
    assertThat(bulkChanges())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.details())
                    .containsEntry("count", "30")
                    .containsEntry("search", "agent"));

    Response askedToDisable = admin.get(OPERATORS + "/all?enabled=false");
    assertThat(askedToDisable.text())
        .contains("Disable Example Prompt for all 32 matching operators?")
        .contains(
            "30 operators use Example Prompt and will sign in with their authenticator app or"
                + " password only: 0 with their authenticator app, 30 with their password only.");
  }

  @Test
  void moreThanTheListCounts_isSaidSo_whileTheConfirmationCountsExactly() {
    for (int i = 0; i < 1_001; i++) {
      panel.create("many%04d".formatted(i), "operator");
    }

    Response list = admin.get(OPERATORS + "?q=many");
    Response few = admin.get(OPERATORS + "?q=many000");
    Response asked = admin.get(OPERATORS + "/all?q=many&enabled=true");

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.text())
        .contains("More than 1,000 operators match; Example Prompt is enabled for 0 of them.")
        .contains("Enable for all matching operators");
    assertThat(few.text())
        .contains("10 operators match; Example Prompt is enabled for 0 of them.")
        .contains("Enable for all 10 matching operators");
    assertThat(asked.text()).contains("Enable Example Prompt for all 1001 matching operators?");
  }

  @Test
  void manyAtOnce_refusesWhatCannotBeAChoice() {
    String csrf = Html.csrf(admin.get(OPERATORS).body());
    Map<String, String> noneSelected = new LinkedHashMap<>();
    noneSelected.put("csrf", csrf);
    noneSelected.put("enabled", "true");
    Map<String, String> malformed = new LinkedHashMap<>(noneSelected);
    malformed.put("operator-not-a-uuid", "on");
    Map<String, String> badStatus = new LinkedHashMap<>(noneSelected);
    badStatus.put("status", "enabled\u0000");
    Map<String, String> oversized = new LinkedHashMap<>(noneSelected);
    oversized.put("q", "x".repeat(10_000));
    Map<String, String> noToken = new LinkedHashMap<>(noneSelected);
    noToken.remove("csrf");

    assertThat(admin.post(OPERATORS + "/selected", noneSelected).status()).isEqualTo(400);
    assertThat(admin.post(OPERATORS + "/selected", malformed).status()).isEqualTo(400);
    assertThat(admin.post(OPERATORS + "/all", badStatus).status()).isEqualTo(400);
    assertThat(admin.post(OPERATORS + "/all", oversized).status()).isEqualTo(400);
    assertThat(admin.post(OPERATORS + "/all", noToken).status()).isEqualTo(403);
    assertThat(admin.get(OPERATORS + "/all?enabled=maybe").status()).isEqualTo(400);
    assertThat(admin.get(OPERATORS + "/all?enabled=true&q=a%01b").status()).isEqualTo(400);
    assertThat(promptValue(TestPanel.OPERATOR)).isEmpty();
    assertThat(bulkChanges()).isEmpty();
  }

  @Test
  void enablingForAllMatching_isRefusedWhileThePluginIsNotConfigured() {
    panel.plugins.saveSettingsIfActive(PromptPlugin.ID, PluginSettings.EMPTY);
    String csrf = Html.csrf(admin.get(OPERATORS).body());

    Response asked = admin.get(OPERATORS + "/all?enabled=true");
    Response posted = admin.post(OPERATORS + "/all", Map.of("csrf", csrf, "enabled", "true"));

    assertThat(asked.status()).isEqualTo(409);
    assertThat(posted.status()).isEqualTo(409);
    assertThat(admin.get(OPERATORS).text()).doesNotContain("Enable for all", "Enable selected");
    assertThat(promptValue(TestPanel.OPERATOR)).isEmpty();
  }

  private static Map<String, String> fields(String enabled, Response list) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("enabled", enabled);
    fields.put("q", Html.inputValue(list.body(), "q").orElseThrow());
    fields.put("after", Html.inputValue(list.body(), "after").orElseThrow());
    fields.put("before", Html.inputValue(list.body(), "before").orElseThrow());
    return fields;
  }

  @Test
  void anUnusableSearchOrPage_isDroppedFromTheWayBack() {
    String id = panel.operator(TestPanel.OPERATOR).id().toString();
    String csrf = Html.csrf(admin.get(OPERATORS).body());
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("csrf", csrf);
    fields.put("enabled", "true");
    fields.put("q", "a\u0000b");
    fields.put("after", "-3");

    Response answer = admin.post(OPERATORS + "/" + id, fields);

    assertThat(answer.status()).isEqualTo(303);
    assertThat(answer.location())
        .hasValue(OPERATORS + "?notice=plugin-enabled&operator=" + id + "#operator-" + id);
    assertThat(promptValue(TestPanel.OPERATOR)).hasValue("true");
  }

  @Test
  void whileThePluginIsNotActive_thePageAndItsButtonsAre409AndChangeNothing() {
    String id = panel.operator(TestPanel.OPERATOR).id().toString();
    String csrf = Html.csrf(admin.get(OPERATORS).body());
    act(admin, PROMPT, "deactivate");

    Response page = admin.get(OPERATORS);
    assertThat(page.status()).isEqualTo(409);
    PagesIT.assertWellFormedPage(page);
    assertThat(page.text())
        .contains("Example Prompt is not active", "Activate it on the Plugins page first.");
    Response post = admin.post(OPERATORS + "/" + id, Map.of("csrf", csrf, "enabled", "true"));
    assertThat(post.status()).isEqualTo(409);
    assertThat(promptValue(TestPanel.OPERATOR)).isEmpty();

    act(admin, PROMPT, "uninstall");
    assertThat(admin.get(OPERATORS).status()).isEqualTo(409);
    assertThat(admin.post(OPERATORS + "/" + id, Map.of("csrf", csrf, "enabled", "true")).status())
        .isEqualTo(409);
    assertThat(panel.audit.all())
        .noneMatch(e -> e.type() == AuditEventType.PLUGIN_ENABLED_FOR_OPERATOR);
  }

  @Test
  void anUnknownOrMalformedOperatorOrABadValue_changesNothing() {
    String csrf = Html.csrf(admin.get(OPERATORS).body());
    for (String id : List.of(UUID.randomUUID().toString(), "not-an-id", "1")) {
      Response answer = admin.post(OPERATORS + "/" + id, Map.of("csrf", csrf, "enabled", "true"));
      assertThat(answer.status()).as(id).isEqualTo(404);
    }
    String olivia = panel.operator(TestPanel.OPERATOR).id().toString();
    for (String value : List.of("", "yes", "TRUE", "1")) {
      Response answer =
          admin.post(OPERATORS + "/" + olivia, Map.of("csrf", csrf, "enabled", value));
      assertThat(answer.status()).as(value).isEqualTo(400);
      assertThat(answer.text()).contains("Use the Enable or Disable button.");
    }
    assertThat(admin.post(OPERATORS + "/" + olivia, Map.of("enabled", "true")).status())
        .isEqualTo(403);
    assertThat(promptValue(TestPanel.OPERATOR)).isEmpty();
    assertThat(setForOperator(admin, PROMPT, olivia, true).status()).isEqualTo(303);
    assertThat(promptValue(TestPanel.OPERATOR)).hasValue("true");
  }

  @Test
  void everyPluginWithASecondFactor_hasItsOwnPageAndChoices() {
    setUpCode(admin);
    String olivia = panel.operator(TestPanel.OPERATOR).id().toString();

    Response page = admin.get(operatorsPage(CODE));
    Response enabled = setForOperator(admin, CODE, olivia, true);

    assertThat(page.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(page);
    assertThat(page.text()).contains("Operators using " + CodePlugin.NAME);
    assertThat(page.body())
        .contains("action=\"/admin/plugins/example-code/operators\"")
        .contains("action=\"/admin/plugins/example-code/operators/" + olivia + "\"");
    assertThat(enabled.location())
        .hasValue(
            operatorsPage(CODE)
                + "?notice=plugin-enabled&operator="
                + olivia
                + "#operator-"
                + olivia);
    assertThat(enabledFor(CodePlugin.ID, TestPanel.OPERATOR)).hasValue("true");
    assertThat(promptValue(TestPanel.OPERATOR)).isEmpty();
    assertThat(admin.get(OPERATORS + "?q=olivia").text()).contains("Not enabled");
  }

  @Test
  void aPluginWithoutASecondFactorOrNoPluginAtAll_hasNoOperatorsPage() {
    String webhooks = TestPlugins.WEBHOOKS.value();
    installAndActivate(admin, webhooks);
    String csrf = Html.csrf(admin.get(OPERATORS).body());
    String olivia = panel.operator(TestPanel.OPERATOR).id().toString();

    for (String plugin : List.of(webhooks, "no-such-plugin", "Example_Prompt")) {
      Response page = admin.get(operatorsPage(plugin));
      assertThat(page.status()).as(plugin).isEqualTo(404);
      assertThat(page.text()).contains("Page not found");
      Response post =
          admin.post(operatorsPage(plugin) + "/" + olivia, Map.of("csrf", csrf, "enabled", "true"));
      assertThat(post.status()).as(plugin).isEqualTo(404);
    }
    assertThat(
            panel.plugins.operatorValue(
                TestPlugins.WEBHOOKS, panel.operator("olivia").id(), "enabled"))
        .isEmpty();
    assertThat(panel.audit.all())
        .noneMatch(e -> e.type() == AuditEventType.PLUGIN_ENABLED_FOR_OPERATOR);
  }
}
