package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static io.supportpro.adapter.in.web.testing.PluginSteps.DUO;
import static io.supportpro.adapter.in.web.testing.PluginSteps.DUO_OPERATORS;
import static io.supportpro.adapter.in.web.testing.PluginSteps.act;
import static io.supportpro.adapter.in.web.testing.PluginSteps.installAndActivate;
import static io.supportpro.adapter.in.web.testing.PluginSteps.saveSettings;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setDuo;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setUpDuo;
import static io.supportpro.adapter.in.web.testing.PluginSteps.settingsPage;
import static io.supportpro.adapter.in.web.testing.PluginSteps.workingDuoFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.plugin.PluginAction;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.secondfactor.DuoPlugin;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Plugins page: the list, the lifecycle through its buttons, and uninstalling. */
class PluginsIT {
  private TestPanel panel;
  private Browser admin;

  @BeforeEach
  void start() {
    panel = TestPanel.start();
    admin = panel.browser();
    signIn(admin, TestPanel.ADMIN, TestPanel.PASSWORD);
  }

  @AfterEach
  void stop() {
    panel.close();
  }

  /** The markup of one plugin's row of the table. */
  private static String row(Response page, String plugin) {
    Matcher row =
        Pattern.compile("<tr id=\"plugin-" + plugin + "\">(.*?)</tr>", Pattern.DOTALL)
            .matcher(page.body());
    assertThat(row.find()).as("a row for " + plugin).isTrue();
    return row.group(1);
  }

  /** Takes the Duo plugin to the state through the Plugins page. */
  private void bringTo(PluginState state) {
    if (panel.plugins.state(DuoPlugin.ID).isInstalled()) {
      act(admin, DUO, "uninstall");
    }
    if (state != PluginState.AVAILABLE) {
      act(admin, DUO, "install");
    }
    if (state == PluginState.ACTIVE) {
      act(admin, DUO, "activate");
    }
    assertThat(panel.plugins.state(DuoPlugin.ID)).isEqualTo(state);
  }

  @Test
  void theList_showsEveryPluginWithWhatItIsAndItsState() {
    Response list = admin.get("/admin/plugins");

    assertThat(list.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(list);
    assertThat(list.body())
        .containsPattern("href=\"/admin/plugins\"\\s+aria-current=\"page\">Plugins</a>");
    assertThat(list.text())
        .contains("Duo Security", "Confirms operator sign-ins with Duo's Universal Prompt")
        .contains("1.0.0", "SupportPro", "Available")
        .contains("Webhooks", "0.3.1", "Example & Co <plugins@example.com>");
    assertThat(list.body()).contains("Example &amp; Co &lt;plugins@example.com&gt;");
    // Ordered by name.
    assertThat(list.body().indexOf("plugin-duo-security"))
        .isLessThan(list.body().indexOf("plugin-webhooks"));
  }

  @Test
  void eachState_offersExactlyTheActionsItAllows() {
    String actions = "/admin/plugins/duo-security/";

    bringTo(PluginState.AVAILABLE);
    String available = row(admin.get("/admin/plugins"), DUO);
    assertThat(available).contains("Available", "action=\"" + actions + "install\"");
    assertThat(available)
        .doesNotContain(actions + "activate", actions + "deactivate", actions + "uninstall")
        .doesNotContain(actions + "settings");

    bringTo(PluginState.INACTIVE);
    String inactive = row(admin.get("/admin/plugins"), DUO);
    assertThat(inactive)
        .contains("Installed, inactive", "action=\"" + actions + "activate\"")
        .contains("href=\"" + actions + "uninstall\"");
    assertThat(inactive)
        .doesNotContain(actions + "install\"", actions + "deactivate", actions + "settings");

    bringTo(PluginState.ACTIVE);
    assertThat(row(admin.get("/admin/plugins"), DUO))
        .contains(">Active — not configured<", "href=\"" + actions + "settings\"");
    saveSettings(admin, DUO, workingDuoFields("closed"));
    String active = row(admin.get("/admin/plugins"), DUO);
    assertThat(active)
        .contains(">Active<", "action=\"" + actions + "deactivate\"")
        .contains("href=\"" + actions + "settings\"", "href=\"" + actions + "uninstall\"")
        .contains("href=\"" + DUO_OPERATORS + "\"");
    assertThat(active).doesNotContain(actions + "install\"", actions + "activate\"");
    // Install, Activate and Deactivate are forms with the session's token; Uninstall asks first.
    assertThat(active)
        .contains("name=\"csrf\"")
        .doesNotContain("action=\"" + actions + "uninstall");
  }

  static Stream<Arguments> everyStateAndAction() {
    return Stream.of(PluginState.values())
        .flatMap(state -> Stream.of(PluginAction.values()).map(a -> Arguments.of(state, a)));
  }

  @ParameterizedTest(name = "{1} when {0}")
  @MethodSource("everyStateAndAction")
  void everyActionInEveryState_isTakenOnlyWhenLegal(PluginState from, PluginAction action) {
    bringTo(from);
    int eventsBefore = panel.audit.all().size();
    String path = action.name().toLowerCase(Locale.ROOT);
    String done = path.endsWith("e") ? path + "d" : path + "ed";

    Response answer = act(admin, DUO, path);

    PluginState expected =
        switch (action) {
          case INSTALL -> from == PluginState.AVAILABLE ? PluginState.INACTIVE : null;
          case ACTIVATE -> from == PluginState.INACTIVE ? PluginState.ACTIVE : null;
          case DEACTIVATE -> from == PluginState.ACTIVE ? PluginState.INACTIVE : null;
          case UNINSTALL -> from.isInstalled() ? PluginState.AVAILABLE : null;
        };
    List<AuditEvent> events = panel.audit.all().subList(eventsBefore, panel.audit.all().size());
    if (expected == null) {
      assertThat(answer.status()).isEqualTo(409);
      PagesIT.assertWellFormedPage(answer);
      assertThat(Html.textOfClass(answer.body(), "alert-error"))
          .hasValueSatisfying(
              alert -> assertThat(alert).startsWith("Duo Security: ").endsWith("."));
      assertThat(answer.text()).contains("Plugins");
      assertThat(panel.plugins.state(DuoPlugin.ID)).isEqualTo(from);
      assertThat(events)
          .singleElement()
          .satisfies(e -> assertThat(e.type()).isEqualTo(AuditEventType.PLUGIN_ACTION_REFUSED));
    } else {
      assertThat(answer.status()).isEqualTo(303);
      assertThat(answer.location()).hasValue("/admin/plugins?notice=plugin-" + done);
      assertThat(panel.plugins.state(DuoPlugin.ID)).isEqualTo(expected);
      assertThat(events)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.type().name()).isEqualTo("PLUGIN_" + done.toUpperCase(Locale.ROOT));
                assertThat(e.actor().name()).isEqualTo(TestPanel.ADMIN);
                assertThat(e.actor().clientAddress()).isEqualTo("127.0.0.1");
              });
    }
  }

  @Test
  void aChange_isAnnouncedOnTheList() {
    Response installed = act(admin, DUO, "install");

    assertThat(admin.follow(installed).text())
        .contains("The plugin was installed. Activate it to use it.");
    assertThat(admin.follow(act(admin, DUO, "activate")).text())
        .contains("The plugin was activated.");
    assertThat(admin.follow(act(admin, DUO, "deactivate")).text())
        .contains("The plugin was deactivated. Its settings and per-operator choices are kept.");
  }

  @Test
  void anUnknownOrMalformedPlugin_isAPageThatIsNotThere() {
    String csrf = Html.csrf(admin.get("/admin/plugins").body());
    for (String id : List.of("no-such-plugin", "Duo_Security", "a".repeat(80), "-x-", "%20")) {
      for (String action : List.of("install", "activate", "deactivate", "uninstall", "settings")) {
        Response answer = admin.post("/admin/plugins/" + id + "/" + action, Map.of("csrf", csrf));
        assertThat(answer.status()).as(id + " " + action).isEqualTo(404);
        assertThat(answer.text()).contains("Page not found");
      }
      assertThat(admin.get("/admin/plugins/" + id + "/uninstall").status()).isEqualTo(404);
      assertThat(admin.get("/admin/plugins/" + id + "/settings").status()).isEqualTo(404);
    }
    assertThat(panel.plugins.installed()).isEmpty();
  }

  @Test
  void theUninstallPage_saysItIsIrreversibleAndRecommendsDeactivating() {
    bringTo(PluginState.ACTIVE);

    Response confirm = admin.get("/admin/plugins/duo-security/uninstall");

    assertThat(confirm.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(confirm);
    assertThat(confirm.text())
        .contains("Uninstall Duo Security?")
        .contains("Uninstalling is irreversible.")
        .contains("permanently deletes the plugin's saved settings, including any secrets,")
        .contains("and every per-operator choice")
        .contains("Deactivate instead", "We recommend deactivating instead")
        .contains("settings and per-operator choices are kept");
    assertThat(confirm.body())
        .contains("action=\"/admin/plugins/duo-security/deactivate\"")
        .contains("action=\"/admin/plugins/duo-security/uninstall\"")
        .contains("class=\"button button-danger-solid\">Uninstall permanently</button>");
    // Opening the page changes nothing.
    assertThat(panel.plugins.state(DuoPlugin.ID)).isEqualTo(PluginState.ACTIVE);

    bringTo(PluginState.INACTIVE);
    Response inactive = admin.get("/admin/plugins/duo-security/uninstall");
    assertThat(inactive.text()).contains("Uninstall permanently", "already inactive");
    assertThat(inactive.body()).doesNotContain("action=\"/admin/plugins/duo-security/deactivate\"");

    bringTo(PluginState.AVAILABLE);
    Response notInstalled = admin.get("/admin/plugins/duo-security/uninstall");
    assertThat(notInstalled.status()).isEqualTo(409);
    PagesIT.assertWellFormedPage(notInstalled);
    assertThat(notInstalled.text())
        .contains("Duo Security is not installed, so there is nothing to uninstall.")
        .doesNotContain("Uninstall permanently");
  }

  @Test
  void deactivating_keepsTheSettingsAndPerOperatorChoices() {
    setUpDuo(admin, "closed");
    String olivia = panel.operator(TestPanel.OPERATOR).id().toString();
    setDuo(admin, olivia, true);

    Response fromConfirmation =
        submit(
            admin,
            "/admin/plugins/duo-security/uninstall",
            "/admin/plugins/duo-security/deactivate",
            Map.of());
    assertThat(fromConfirmation.location()).hasValue("/admin/plugins?notice=plugin-deactivated");
    assertThat(admin.get(settingsPage(DUO)).status()).isEqualTo(409);
    assertThat(admin.get(DUO_OPERATORS).status()).isEqualTo(409);

    act(admin, DUO, "activate");
    Response settings = admin.get(settingsPage(DUO));
    assertThat(Html.inputValue(settings.body(), "setting-client_id"))
        .hasValue(TestPanel.DUO_CLIENT_ID);
    assertThat(settings.text()).contains("A secret is saved; leave empty to keep it.");
    assertThat(admin.get(DUO_OPERATORS + "?q=olivia").text())
        .contains("olivia Operator olivia")
        .contains("Enabled");
  }

  @Test
  void uninstalling_deletesEverythingSoThatAReinstallStartsEmpty() {
    setUpDuo(admin, "open");
    String olivia = panel.operator(TestPanel.OPERATOR).id().toString();
    setDuo(admin, olivia, true);

    Response uninstalled =
        submit(
            admin,
            "/admin/plugins/duo-security/uninstall",
            "/admin/plugins/duo-security/uninstall",
            Map.of());
    assertThat(uninstalled.status()).isEqualTo(303);
    assertThat(uninstalled.location()).hasValue("/admin/plugins?notice=plugin-uninstalled");
    assertThat(admin.follow(uninstalled).text())
        .contains("The plugin was uninstalled; its settings and per-operator choices were deleted.")
        .contains("Available");
    assertThat(panel.plugins.settings(DuoPlugin.ID)).isEqualTo(PluginSettings.EMPTY);

    installAndActivate(admin, DUO);
    Response settings = admin.get(settingsPage(DUO));
    assertThat(Html.inputValue(settings.body(), "setting-client_id")).hasValue("");
    assertThat(Html.inputValue(settings.body(), "setting-api_hostname")).hasValue("");
    assertThat(settings.body()).contains("<option value=\"closed\" selected=\"selected\">");
    assertThat(settings.text()).doesNotContain("A secret is saved");
    Response operators = admin.get(DUO_OPERATORS);
    assertThat(operators.text()).contains("Not enabled").doesNotContain(" Enabled ");
    assertThat(panel.plugins.operatorValue(DuoPlugin.ID, panel.operator("olivia").id(), "enabled"))
        .isEmpty();
  }

  @Test
  void aNonAdministrator_cannotSeeOrChangePlugins() {
    Browser operator = panel.browser();
    signIn(operator, TestPanel.OPERATOR, TestPanel.PASSWORD);
    String csrf = Html.csrf(operator.get("/").body());
    assertThat(operator.get("/").body()).doesNotContain("href=\"/admin/plugins\"");

    for (String page :
        List.of(
            "/admin/plugins",
            "/admin/plugins/duo-security/uninstall",
            settingsPage(DUO),
            DUO_OPERATORS)) {
      assertThat(operator.get(page).status()).as(page).isEqualTo(403);
    }
    for (String action : List.of("install", "activate", "deactivate", "uninstall", "settings")) {
      Response refused =
          operator.post("/admin/plugins/duo-security/" + action, Map.of("csrf", csrf));
      assertThat(refused.status()).as(action).isEqualTo(403);
    }
    assertThat(
            operator
                .post(
                    DUO_OPERATORS + "/" + panel.operator(TestPanel.OPERATOR).id(),
                    Map.of("csrf", csrf, "enabled", "true"))
                .status())
        .isEqualTo(403);
    assertThat(panel.plugins.installed()).isEmpty();
    assertThat(panel.audit.all())
        .filteredOn(e -> e.type() == AuditEventType.ACCESS_DENIED)
        .hasSize(10);
  }

  @Test
  void theLifecycleForms_withoutTheirTokenAreRefusedAndChangeNothing() {
    for (String action : List.of("install", "activate", "deactivate", "uninstall")) {
      Response refused = admin.post("/admin/plugins/duo-security/" + action, Map.of());
      assertThat(refused.status()).as(action).isEqualTo(403);
    }
    assertThat(panel.plugins.installed()).isEmpty();
  }

  @Test
  void gettingAnAction_changesNothing() {
    for (String action : List.of("install", "activate", "deactivate")) {
      assertThat(admin.get("/admin/plugins/duo-security/" + action).status()).isIn(404, 405);
    }
    assertThat(panel.plugins.installed()).isEmpty();
  }
}
