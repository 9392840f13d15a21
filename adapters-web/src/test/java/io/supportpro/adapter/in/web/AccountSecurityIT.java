package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PluginSteps.setUpPrompt;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.PromptPlugin;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.domain.plugin.PluginState;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account security page says which second factor confirms the operator's sign-ins. */
class AccountSecurityIT {
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

  @Test
  void anOperatorWhoseSignInsAPluginConfirms_isToldSoByName() {
    panel.plugins.setOperatorValueIfActive(
        PromptPlugin.ID, panel.operator(TestPanel.ADMIN).id(), "enabled", Optional.of("true"));

    Response page = admin.get(AccountSecurityController.PAGE);

    assertThat(page.status()).isEqualTo(200);
    PagesIT.assertWellFormedPage(page);
    assertThat(page.text())
        .contains("You confirm every sign-in with Example Prompt")
        .contains("One set up here is asked for only if Example Prompt no longer applies to you.")
        .doesNotContain("With one, signing in needs a code");
  }

  @Test
  void withoutAPlugin_thePageSpeaksOfTheAuthenticatorAppOnly() {
    panel.plugins.setOperatorValueIfActive(
        PromptPlugin.ID, panel.operator(TestPanel.ADMIN).id(), "enabled", Optional.of("true"));
    panel.plugins.transition(PromptPlugin.ID, PluginState.ACTIVE, PluginState.INACTIVE);

    Response page = admin.get(AccountSecurityController.PAGE);

    assertThat(page.text())
        .doesNotContain("Example Prompt")
        .contains("With one, signing in needs a code from your phone as well as your password.");
  }
}
