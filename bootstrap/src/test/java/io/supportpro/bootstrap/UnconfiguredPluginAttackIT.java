package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signOut;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.PluginSteps;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.out.duo.DuoSecurityPlugin;
import io.supportpro.application.port.in.PluginOperatorCommand;
import io.supportpro.application.port.in.PluginOperatorResult;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Operator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Duo installed and activated but never configured: the panel must say so, refuse to enable it for
 * anyone (through the page, a hand-made POST and the service alike), and never lock out an
 * administrator. Settings that stop passing their checks, though, never make Duo optional.
 */
class UnconfiguredPluginAttackIT {
  /** The per-operator value that the operators page sets to {@code true} for an operator. */
  private static final String ENABLED_KEY = "enabled";

  private Panel panel;

  @AfterEach
  void stop() {
    if (panel != null) {
      panel.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void anActiveDuoWithoutSettings_cannotBeEnabledAndLocksNobodyOut(Store store) {
    panel = Panel.start(store);
    Operator root = panel.operator("root", "administrator");
    Browser admin = panel.browser();
    assertThat(signIn(admin, "root", Panel.PASSWORD).status()).isEqualTo(303);
    PluginSteps.installAndActivate(admin, DuoSetup.ID);

    String plugins = Html.text(admin.get("/admin/plugins").body());
    Response operatorsPage = admin.get(PluginSteps.operatorsPage(DuoSetup.ID));
    Response byPage = PluginSteps.setForOperator(admin, DuoSetup.ID, root.id().toString(), true);
    Response byHand =
        admin.post(
            PluginSteps.operatorsPage(DuoSetup.ID) + "/" + root.id(),
            Map.of("csrf", Html.csrf(operatorsPage.body()), "enabled", "true"));
    PluginOperatorResult byService =
        panel
            .services()
            .pluginOperators()
            .set(
                new PluginOperatorCommand(
                    Actor.system("test"), DuoSecurityPlugin.ID, root.id(), true));

    assertThat(plugins).contains("Active — not configured");
    assertThat(operatorsPage.status()).isEqualTo(200);
    assertThat(operatorsPage.text()).contains("not configured");
    assertThat(operatorsPage.body())
        .contains("href=\"/admin/plugins/duo-security/settings\"")
        .doesNotContain(">Enable<");
    assertThat(byPage.status()).isEqualTo(409);
    assertThat(byHand.status()).isEqualTo(409);
    assertThat(byService).isInstanceOf(PluginOperatorResult.NotConfigured.class);
    assertThat(panel.count("select count(*) from plugin_operator_value")).isZero();

    signOut(admin, "/");
    Response again = signIn(panel.browser(), "root", Panel.PASSWORD);
    assertThat(again.status()).isEqualTo(303);
    assertThat(again.location()).hasValue("/");
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void operatorsEnabledBeforeTheSettingsWereChecked_signInWithTheBuiltInRule(Store store) {
    panel = Panel.start(store);
    Operator root = panel.operator("root", "administrator");
    Browser admin = panel.browser();
    assertThat(signIn(admin, "root", Panel.PASSWORD).status()).isEqualTo(303);
    PluginSteps.installAndActivate(admin, DuoSetup.ID);
    signOut(admin, "/");
    // As data from before enabling needed settings: the value is written past the service.
    panel.execute(
        "insert into plugin_operator_value (plugin_id, operator_id, value_key, value_text)"
            + " values (?, ?, ?, ?)",
        DuoSetup.ID,
        root.id().value(),
        ENABLED_KEY,
        "true");

    Response again = signIn(panel.browser(), "root", Panel.PASSWORD);

    assertThat(again.status()).isEqualTo(303);
    assertThat(again.location()).hasValue("/");
  }

  @Test
  void anInstanceThatNoLongerAllowsDuosHost_refusesTheDuoStepInsteadOfSkippingIt()
      throws Exception {
    panel = Panel.start(Store.POSTGRESQL);
    DuoSetup.enable(panel, "open", panel.operator("alice", "operator"));
    // The same database behind a second instance whose allowed hosts lack the Duo host in use.
    try (Panel other = panel.anotherAllowingOnlyDuosHosts()) {
      Browser alice = other.browser();

      // The password is right, and the Duo step it leads straight to refuses.
      Response password = signIn(alice, "alice", Panel.PASSWORD);

      assertThat(password.status()).isBetween(400, 599);
      assertThat(alice.get("/").location())
          .hasValueSatisfying(l -> assertThat(l).matches("/login(\\?.*)?"));
      assertThat(
              panel.count(
                  "select count(*) from audit_event where event_type in"
                      + " ('SIGN_IN_SUCCEEDED', 'SECOND_FACTOR_SKIPPED_FAIL_OPEN')"))
          .isZero();
    }
  }
}
