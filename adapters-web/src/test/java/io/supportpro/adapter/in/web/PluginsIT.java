package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static io.supportpro.adapter.in.web.testing.PluginSteps.CODE;
import static io.supportpro.adapter.in.web.testing.PluginSteps.PROMPT;
import static io.supportpro.adapter.in.web.testing.PluginSteps.act;
import static io.supportpro.adapter.in.web.testing.PluginSteps.installAndActivate;
import static io.supportpro.adapter.in.web.testing.PluginSteps.operatorsPage;
import static io.supportpro.adapter.in.web.testing.PluginSteps.saveSettings;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setForOperator;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setUpPrompt;
import static io.supportpro.adapter.in.web.testing.PluginSteps.settingsPage;
import static io.supportpro.adapter.in.web.testing.PluginSteps.workingPromptFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.PromptPlugin;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.adapter.in.web.testing.TestPlugins;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.plugin.PluginAction;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
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

  /** Takes the prompt plugin to the state through the Plugins page. */
  private void bringTo(PluginState state) {
    if (panel.plugins.state(PromptPlugin.ID).isInstalled()) {
      act(admin, PROMPT, "uninstall");
    }
    if (state != PluginState.AVAILABLE) {
      act(admin, PROMPT, "install");
    }
    if (state == PluginState.ACTIVE) {
      act(admin, PROMPT, "activate");
    }
    assertThat(panel.plugins.state(PromptPlugin.ID)).isEqualTo(state);
  }

  @Test
  void theList_showsEveryPluginWithWhatItIsAndItsState() {
    Response list = admin.get("/admin/plugins");

    assertThat(list.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(list);
    assertThat(list.body())
        .containsPattern("href=\"/admin/plugins\"\\s+aria-current=\"page\">Plugins</a>");
    assertThat(list.text())
        .contains("Example Prompt", "Confirms operator sign-ins at Example Prompt")
        .contains("1.0.0", "SupportPro", "Available")
        .contains("Example Code", "2.1.0")
        .contains("Webhooks", "0.3.1", "Example & Co <plugins@example.com>");
    assertThat(list.body()).contains("Example &amp; Co &lt;plugins@example.com&gt;");
    // Ordered by name.
    assertThat(list.body().indexOf("plugin-example-code"))
        .isLessThan(list.body().indexOf("plugin-example-prompt"));
    assertThat(list.body().indexOf("plugin-example-prompt"))
        .isLessThan(list.body().indexOf("plugin-webhooks"));
  }

  @Test
  void eachState_offersExactlyTheActionsItAllows() {
    String actions = "/admin/plugins/example-prompt/";

    bringTo(PluginState.AVAILABLE);
    String available = row(admin.get("/admin/plugins"), PROMPT);
    assertThat(available).contains("Available", "action=\"" + actions + "install\"");
    assertThat(available)
        .doesNotContain(actions + "activate", actions + "deactivate", actions + "uninstall")
        .doesNotContain(actions + "settings");

    bringTo(PluginState.INACTIVE);
    String inactive = row(admin.get("/admin/plugins"), PROMPT);
    assertThat(inactive)
        .contains("Installed, inactive", "action=\"" + actions + "activate\"")
        .contains("href=\"" + actions + "uninstall\"");
    assertThat(inactive)
        .doesNotContain(actions + "install\"", actions + "deactivate", actions + "settings");

    bringTo(PluginState.ACTIVE);
    assertThat(row(admin.get("/admin/plugins"), PROMPT))
        .contains(">Active — not configured<", "href=\"" + actions + "settings\"");
    saveSettings(admin, PROMPT, workingPromptFields("closed"));
    String active = row(admin.get("/admin/plugins"), PROMPT);
    assertThat(active)
        .contains(">Active<", "href=\"" + actions + "deactivate\"")
        .contains("href=\"" + actions + "settings\"", "href=\"" + actions + "uninstall\"")
        .contains("href=\"" + operatorsPage(PROMPT) + "\"");
    assertThat(active).doesNotContain(actions + "install\"", actions + "activate\"");
    // Install and Activate are forms with the session's token; Deactivate and Uninstall ask first.
    assertThat(inactive).contains("name=\"csrf\"");
    assertThat(active)
        .doesNotContain("action=\"" + actions + "uninstall", "action=\"" + actions + "deactivate");
  }

  @Test
  void theOperatorsLink_isOfferedOnlyForActivePluginsWithASecondFactor() {
    String webhooks = TestPlugins.WEBHOOKS.value();
    installAndActivate(admin, webhooks);
    installAndActivate(admin, CODE);
    act(admin, PROMPT, "install");

    Response installed = admin.get("/admin/plugins");
    assertThat(row(installed, CODE))
        .contains(
            "href=\"/admin/plugins/example-code/operators\">Operators<span"
                + " class=\"visually-hidden\"> using Example Code</span></a>");
    assertThat(row(installed, PROMPT)).doesNotContain("/operators");
    assertThat(row(installed, webhooks))
        .contains("href=\"/admin/plugins/webhooks/settings\"")
        .doesNotContain("/operators");

    act(admin, PROMPT, "activate");
    Response active = admin.get("/admin/plugins");
    assertThat(row(active, PROMPT)).contains("href=\"" + operatorsPage(PROMPT) + "\"");
    assertThat(row(active, webhooks)).doesNotContain("/operators");
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

    Response answer = act(admin, PROMPT, path);

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
              alert -> assertThat(alert).startsWith("Example Prompt: ").endsWith("."));
      assertThat(answer.text()).contains("Plugins");
      assertThat(panel.plugins.state(PromptPlugin.ID)).isEqualTo(from);
      assertThat(events)
          .singleElement()
          .satisfies(e -> assertThat(e.type()).isEqualTo(AuditEventType.PLUGIN_ACTION_REFUSED));
    } else {
      assertThat(answer.status()).isEqualTo(303);
      assertThat(answer.location()).hasValue("/admin/plugins?notice=plugin-" + done);
      assertThat(panel.plugins.state(PromptPlugin.ID)).isEqualTo(expected);
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
    Response installed = act(admin, PROMPT, "install");

    assertThat(admin.follow(installed).text())
        .contains("The plugin was installed. Activate it to use it.");
    assertThat(admin.follow(act(admin, PROMPT, "activate")).text())
        .contains("The plugin was activated.");
    assertThat(admin.follow(act(admin, PROMPT, "deactivate")).text())
        .contains("The plugin was deactivated; its settings and per-operator choices were kept.");
  }

  @Test
  void anUnknownOrMalformedPlugin_isAPageThatIsNotThere() {
    String csrf = Html.csrf(admin.get("/admin/plugins").body());
    for (String id : List.of("no-such-plugin", "Example_Prompt", "a".repeat(80), "-x-", "%20")) {
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

    Response confirm = admin.get("/admin/plugins/example-prompt/uninstall");

    assertThat(confirm.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(confirm);
    assertThat(confirm.text())
        .contains("Uninstall Example Prompt?")
        .contains("Uninstalling is irreversible.")
        .contains("permanently deletes the plugin's saved settings, including any secrets,")
        .contains("and every per-operator choice")
        .contains("Deactivate instead", "We recommend deactivating instead")
        .contains("settings and per-operator choices are kept");
    assertThat(confirm.body())
        .contains("href=\"/admin/plugins/example-prompt/deactivate\"")
        .doesNotContain("action=\"/admin/plugins/example-prompt/deactivate\"")
        .contains("action=\"/admin/plugins/example-prompt/uninstall\"")
        .contains("class=\"button button-danger-solid\">Uninstall permanently</button>");
    // Opening the page changes nothing.
    assertThat(panel.plugins.state(PromptPlugin.ID)).isEqualTo(PluginState.ACTIVE);

    bringTo(PluginState.INACTIVE);
    Response inactive = admin.get("/admin/plugins/example-prompt/uninstall");
    assertThat(inactive.text()).contains("Uninstall permanently", "already inactive");
    assertThat(inactive.body()).doesNotContain("href=\"/admin/plugins/example-prompt/deactivate\"");

    bringTo(PluginState.AVAILABLE);
    Response notInstalled = admin.get("/admin/plugins/example-prompt/uninstall");
    assertThat(notInstalled.status()).isEqualTo(409);
    PagesIT.assertWellFormedPage(notInstalled);
    assertThat(notInstalled.text())
        .contains("Example Prompt is not installed, so there is nothing to uninstall.")
        .doesNotContain("Uninstall permanently");
  }

  @Test
  void deactivating_keepsTheSettingsAndPerOperatorChoices() {
    setUpPrompt(admin, "closed");
    String olivia = panel.operator(TestPanel.OPERATOR).id().toString();
    setForOperator(admin, PROMPT, olivia, true);

    Response asked = admin.get("/admin/plugins/example-prompt/deactivate");
    assertThat(asked.text())
        .contains(
            "1 operator uses Example Prompt and will sign in with their authenticator app or"
                + " password only: 0 with their authenticator app, 1 with their password only.");
    Response fromConfirmation =
        submit(
            admin,
            "/admin/plugins/example-prompt/deactivate",
            "/admin/plugins/example-prompt/deactivate",
            Map.of());
    assertThat(fromConfirmation.location()).hasValue("/admin/plugins?notice=plugin-deactivated");
    assertThat(admin.get(settingsPage(PROMPT)).status()).isEqualTo(409);
    assertThat(admin.get(operatorsPage(PROMPT)).status()).isEqualTo(409);

    act(admin, PROMPT, "activate");
    Response settings = admin.get(settingsPage(PROMPT));
    assertThat(Html.inputValue(settings.body(), "setting-client_id"))
        .hasValue(PromptPlugin.KNOWN_CLIENT);
    assertThat(settings.text()).contains("A secret is saved; leave empty to keep it.");
    assertThat(admin.get(operatorsPage(PROMPT) + "?q=olivia").text())
        .contains("olivia Operator olivia")
        .contains("Enabled");
  }

  @Test
  void uninstalling_deletesEverythingSoThatAReinstallStartsEmpty() {
    setUpPrompt(admin, "open");
    String olivia = panel.operator(TestPanel.OPERATOR).id().toString();
    setForOperator(admin, PROMPT, olivia, true);

    Response uninstalled =
        submit(
            admin,
            "/admin/plugins/example-prompt/uninstall",
            "/admin/plugins/example-prompt/uninstall",
            Map.of());
    assertThat(uninstalled.status()).isEqualTo(303);
    assertThat(uninstalled.location()).hasValue("/admin/plugins?notice=plugin-uninstalled");
    assertThat(admin.follow(uninstalled).text())
        .contains("The plugin was uninstalled; its settings and per-operator choices were deleted.")
        .contains("Available");
    assertThat(panel.plugins.settings(PromptPlugin.ID)).isEqualTo(PluginSettings.EMPTY);

    installAndActivate(admin, PROMPT);
    Response settings = admin.get(settingsPage(PROMPT));
    assertThat(Html.inputValue(settings.body(), "setting-client_id")).hasValue("");
    assertThat(settings.body()).contains("<option value=\"closed\" selected=\"selected\">");
    assertThat(settings.text()).doesNotContain("A secret is saved");
    Response operators = admin.get(operatorsPage(PROMPT));
    assertThat(operators.text()).contains("Not enabled").doesNotContain(" Enabled ");
    assertThat(
            panel.plugins.operatorValue(PromptPlugin.ID, panel.operator("olivia").id(), "enabled"))
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
            "/admin/plugins/example-prompt/uninstall",
            settingsPage(PROMPT),
            operatorsPage(PROMPT))) {
      assertThat(operator.get(page).status()).as(page).isEqualTo(403);
    }
    for (String action : List.of("install", "activate", "deactivate", "uninstall", "settings")) {
      Response refused =
          operator.post("/admin/plugins/example-prompt/" + action, Map.of("csrf", csrf));
      assertThat(refused.status()).as(action).isEqualTo(403);
    }
    assertThat(
            operator
                .post(
                    operatorsPage(PROMPT) + "/" + panel.operator(TestPanel.OPERATOR).id(),
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
      Response refused = admin.post("/admin/plugins/example-prompt/" + action, Map.of());
      assertThat(refused.status()).as(action).isEqualTo(403);
    }
    assertThat(panel.plugins.installed()).isEmpty();
  }

  @Test
  void gettingAnAction_changesNothing() {
    for (String action : List.of("install", "activate")) {
      assertThat(admin.get("/admin/plugins/example-prompt/" + action).status()).isIn(404, 405);
    }
    // Deactivate is asked for first; for a plugin that is not active the question is a conflict.
    Response deactivate = admin.get("/admin/plugins/example-prompt/deactivate");
    assertThat(deactivate.status()).isEqualTo(409);
    assertThat(deactivate.text()).contains("is not active, so there is nothing to deactivate.");
    assertThat(panel.plugins.installed()).isEmpty();
  }
}
