package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.PanelSteps;
import io.supportpro.adapter.in.web.testing.Response;
import java.net.URI;

/** The prompt step of signing in as a test takes it, for any plugin whose factor is a prompt. */
final class PromptSteps {
  private PromptSteps() {}

  /**
   * Signs in with {@link Panel#PASSWORD} as an operator whose factor is a prompt, which sends the
   * browser straight to the prompt at {@code prompt}, with no page of the panel in between; returns
   * the prompt's address with its query.
   */
  static URI passwordToPrompt(Browser browser, String username, URI prompt) {
    Response password = PanelSteps.signIn(browser, username, Panel.PASSWORD);
    assertThat(password.status()).as(password.text()).isEqualTo(303);
    String location = password.location().orElseThrow();
    assertThat(location).startsWith(prompt.toString());
    return URI.create(location);
  }
}
