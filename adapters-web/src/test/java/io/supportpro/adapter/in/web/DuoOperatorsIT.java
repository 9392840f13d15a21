package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static io.supportpro.adapter.in.web.testing.PluginSteps.DUO;
import static io.supportpro.adapter.in.web.testing.PluginSteps.DUO_OPERATORS;
import static io.supportpro.adapter.in.web.testing.PluginSteps.act;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setDuo;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setUpDuo;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.secondfactor.DuoPlugin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Duo operators page: who signs in with Duo, searched, paged, enabled and disabled. */
class DuoOperatorsIT {
  private TestPanel panel;
  private Browser admin;

  @BeforeEach
  void start() {
    panel = TestPanel.start();
    admin = panel.browser();
    signIn(admin, TestPanel.ADMIN, TestPanel.PASSWORD);
    setUpDuo(admin, "closed");
  }

  @AfterEach
  void stop() {
    panel.close();
  }

  private Optional<String> duoValue(String username) {
    return panel.plugins.operatorValue(DuoPlugin.ID, panel.operator(username).id(), "enabled");
  }

  @Test
  void theList_isSearchableAndPagedBy25WithEachOperatorsStatus() {
    for (int i = 0; i < 30; i++) {
      panel.create("agent%02d".formatted(i), "operator");
    }

    Response first = admin.get(DUO_OPERATORS);
    assertThat(first.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(first);
    assertThat(first.text()).contains("Operators using Duo", "By default no operator uses Duo.");
    assertThat(first.body().split("<tr>", -1)).hasSize(1 + 1 + 25);
    assertThat(first.text()).contains("Page 1 of 2", "agent00", "Not enabled");
    assertThat(first.body())
        .contains("href=\"/admin/plugins/duo-security/operators?page=2\" rel=\"next\"");

    Response second = admin.get(DUO_OPERATORS + "?page=2");
    assertThat(second.text()).contains("Page 2 of 2", "olivia", "admin");

    Response search = admin.get(DUO_OPERATORS + "?q=AGENT1");
    assertThat(search.body().split("<tr>", -1)).hasSize(1 + 1 + 10);
    assertThat(search.text()).contains("agent10", "agent19").doesNotContain("agent20");
    assertThat(admin.get(DUO_OPERATORS + "?q=nobody-like-this").text())
        .contains("No operators match.");
    assertThat(admin.get(DUO_OPERATORS + "?page=0").status()).isEqualTo(400);
    assertThat(admin.get(DUO_OPERATORS + "?page=x").status()).isEqualTo(400);
    assertThat(admin.get(DUO_OPERATORS + "?page=9").text()).contains("No operators match.");
  }

  @Test
  void whileDuoIsNotConfigured_thePageSaysWhyAndEnablingIsRefused() {
    Operator olivia = panel.operator(TestPanel.OPERATOR);
    panel.plugins.setOperatorValueIfActive(
        DuoPlugin.ID, olivia.id(), "enabled", Optional.of("true"));
    panel.plugins.saveSettingsIfActive(DuoPlugin.ID, PluginSettings.EMPTY);
    Operator admin0 = panel.operator(TestPanel.ADMIN);

    Response page = admin.get(DUO_OPERATORS);
    Response refused = setDuo(admin, admin0.id().toString(), true);
    Response disabled = setDuo(admin, olivia.id().toString(), false);

    assertThat(page.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(page);
    assertThat(page.text())
        .contains("Duo Security is active but not configured, so it cannot be enabled")
        .contains("built-in two-factor authentication");
    assertThat(page.body())
        .contains("href=\"/admin/plugins/duo-security/settings\"")
        .doesNotContain(">Enable<")
        .contains(">Disable<");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.text()).contains("Duo is not configured");
    assertThat(refused.body()).contains("href=\"/admin/plugins/duo-security/settings\"");
    assertThat(duoValue(TestPanel.ADMIN)).isEmpty();
    assertThat(disabled.status()).as("disabling stays possible").isEqualTo(303);
    assertThat(duoValue(TestPanel.OPERATOR)).isEmpty();
  }

  @Test
  void enablingAndDisabling_returnsToTheSamePageAndIsAudited() {
    for (int i = 0; i < 30; i++) {
      panel.create("agent%02d".formatted(i), "operator");
    }
    Operator target = panel.operator("agent27");
    String page = DUO_OPERATORS + "?q=agent&page=2";
    Response list = admin.get(page);
    assertThat(Html.inputValue(list.body(), "q")).hasValue("agent");
    assertThat(Html.inputValue(list.body(), "page")).hasValue("2");

    Response enabled = submit(admin, page, DUO_OPERATORS + "/" + target.id(), fields("true", list));
    assertThat(enabled.status()).isEqualTo(303);
    assertThat(enabled.location()).hasValue(page + "&notice=duo-enabled");
    Response back = admin.follow(enabled);
    assertThat(back.text()).contains("Duo is now enabled for the operator.", "Page 2 of 2");
    assertThat(back.text()).containsPattern("agent27 Operator agent27 agent27@example.com Enabled");
    assertThat(back.body())
        .contains("Disable</span><span class=\"visually-hidden\"> Duo for agent27");
    assertThat(duoValue("agent27")).hasValue("true");

    Response disabled =
        submit(admin, page, DUO_OPERATORS + "/" + target.id(), fields("false", list));
    assertThat(disabled.location()).hasValue(page + "&notice=duo-disabled");
    assertThat(admin.follow(disabled).text())
        .contains("Duo is now disabled for the operator;")
        .containsPattern("agent27 Operator agent27 agent27@example.com Not enabled");
    assertThat(duoValue("agent27")).isEmpty();

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

  private static Map<String, String> fields(String enabled, Response list) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("enabled", enabled);
    fields.put("q", Html.inputValue(list.body(), "q").orElseThrow());
    fields.put("page", Html.inputValue(list.body(), "page").orElseThrow());
    return fields;
  }

  @Test
  void anUnusableSearchOrPage_isDroppedFromTheWayBack() {
    String id = panel.operator(TestPanel.OPERATOR).id().toString();
    String csrf = Html.csrf(admin.get(DUO_OPERATORS).body());
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("csrf", csrf);
    fields.put("enabled", "true");
    fields.put("q", "a\u0000b");
    fields.put("page", "-3");

    Response answer = admin.post(DUO_OPERATORS + "/" + id, fields);

    assertThat(answer.status()).isEqualTo(303);
    assertThat(answer.location()).hasValue(DUO_OPERATORS + "?notice=duo-enabled");
    assertThat(duoValue(TestPanel.OPERATOR)).hasValue("true");
  }

  @Test
  void whileDuoIsNotActive_thePageAndItsButtonsAre409AndChangeNothing() {
    String id = panel.operator(TestPanel.OPERATOR).id().toString();
    String csrf = Html.csrf(admin.get(DUO_OPERATORS).body());
    act(admin, DUO, "deactivate");

    Response page = admin.get(DUO_OPERATORS);
    assertThat(page.status()).isEqualTo(409);
    PagesIT.assertWellFormedPage(page);
    assertThat(page.text()).contains("Duo is not active", "Activate it on the Plugins page first.");
    Response post = admin.post(DUO_OPERATORS + "/" + id, Map.of("csrf", csrf, "enabled", "true"));
    assertThat(post.status()).isEqualTo(409);
    assertThat(duoValue(TestPanel.OPERATOR)).isEmpty();

    act(admin, DUO, "uninstall");
    assertThat(admin.get(DUO_OPERATORS).status()).isEqualTo(409);
    assertThat(
            admin.post(DUO_OPERATORS + "/" + id, Map.of("csrf", csrf, "enabled", "true")).status())
        .isEqualTo(409);
    assertThat(panel.audit.all())
        .noneMatch(e -> e.type() == AuditEventType.PLUGIN_ENABLED_FOR_OPERATOR);
  }

  @Test
  void anUnknownOrMalformedOperatorOrABadValue_changesNothing() {
    String csrf = Html.csrf(admin.get(DUO_OPERATORS).body());
    for (String id : List.of(UUID.randomUUID().toString(), "not-an-id", "1")) {
      Response answer =
          admin.post(DUO_OPERATORS + "/" + id, Map.of("csrf", csrf, "enabled", "true"));
      assertThat(answer.status()).as(id).isEqualTo(404);
    }
    String olivia = panel.operator(TestPanel.OPERATOR).id().toString();
    for (String value : List.of("", "yes", "TRUE", "1")) {
      Response answer =
          admin.post(DUO_OPERATORS + "/" + olivia, Map.of("csrf", csrf, "enabled", value));
      assertThat(answer.status()).as(value).isEqualTo(400);
      assertThat(answer.text()).contains("Use the Enable or Disable button.");
    }
    assertThat(admin.post(DUO_OPERATORS + "/" + olivia, Map.of("enabled", "true")).status())
        .isEqualTo(403);
    assertThat(duoValue(TestPanel.OPERATOR)).isEmpty();
    assertThat(setDuo(admin, olivia, true).status()).isEqualTo(303);
    assertThat(duoValue(TestPanel.OPERATOR)).hasValue("true");
  }
}
