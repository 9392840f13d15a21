package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.passSecondFactor;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.PluginSteps;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.bootstrap.example.ExampleCodePlugin;
import io.supportpro.bootstrap.example.ExamplePrompt;
import io.supportpro.bootstrap.example.ExamplePromptPlugin;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A new second-factor method is one plugin and no change to the core: the example plugins of {@code
 * io.supportpro.bootstrap.example}, found on the test class path like any plugin, set up by an
 * administrator through the panel's pages, then used to sign an operator in over HTTP.
 */
class ExampleMethodsIT {
  private static final String PROMPT_SECRET = "the-example-prompt-signs-with-this";
  private static final String TOKEN_SECRET = TotpSecret.random().base32();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final List<AutoCloseable> started = new ArrayList<>();
  private Panel panel;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable running : started.reversed()) {
      running.close();
    }
  }

  /** A panel with an administrator signed in, and an operator alice. */
  private Browser administrator(Store store) {
    panel = Panel.start(store);
    started.add(panel);
    panel.operator("root", "administrator");
    Browser admin = panel.browser();
    assertThat(signIn(admin, "root", Panel.PASSWORD).status()).isEqualTo(303);
    return admin;
  }

  private ExamplePrompt prompt(String secret) throws IOException {
    ExamplePrompt prompt = ExamplePrompt.start(secret);
    started.add(prompt);
    return prompt;
  }

  /**
   * Installs, activates and configures the plugin on its pages, and enables its second factor for
   * the operator on its operators page.
   */
  private static void setUp(
      Browser admin, PluginId plugin, Map<String, String> settings, Operator operator) {
    PluginSteps.installAndActivate(admin, plugin.value());
    Response saved = PluginSteps.saveSettings(admin, plugin.value(), SettingsForm.fields(settings));
    assertThat(saved.status()).as(saved.text()).isEqualTo(303);
    Response enabled =
        PluginSteps.setForOperator(admin, plugin.value(), operator.id().toString(), true);
    assertThat(enabled.status()).as(enabled.text()).isEqualTo(303);
    assertThat(admin.get(PluginSteps.operatorsPage(plugin.value())).text()).contains("Enabled");
  }

  /** The example prompt plugin, set up to send browsers to {@code prompt}, for the operator. */
  private static void setUpPrompt(Browser admin, ExamplePrompt prompt, Operator operator) {
    setUp(
        admin,
        ExamplePromptPlugin.ID,
        Map.of(
            ExamplePromptPlugin.PROMPT_ADDRESS,
            prompt.address().toString(),
            ExamplePromptPlugin.SHARED_SECRET,
            PROMPT_SECRET),
        operator);
  }

  /** Opens the prompt at {@code location} as a browser would; returns where it sends it back. */
  private static URI visit(URI location) throws Exception {
    HttpResponse<Void> answer =
        HTTP.send(
            HttpRequest.newBuilder(location).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(answer.statusCode()).isEqualTo(302);
    return URI.create(answer.headers().firstValue("Location").orElseThrow());
  }

  private long events(String type, String detailsLike) {
    return panel.count(
        "select count(*) from audit_event where event_type = ? and details like ?",
        type,
        detailsLike);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aPromptPlugin_takesThePasswordStraightToItsPromptAndSignsInOnItsAnswer(Store store)
      throws Exception {
    Browser admin = administrator(store);
    Operator alice = panel.operator("alice", "operator");
    ExamplePrompt prompt = prompt(PROMPT_SECRET);
    setUpPrompt(admin, prompt, alice);
    Browser browser = panel.browser();

    URI back = visit(PromptSteps.passwordToPrompt(browser, "alice", prompt.address()));
    Response signedIn = browser.get(PluginSteps.callbackPath(back));

    assertThat(back.toString()).startsWith(panel.base() + "/login/callback?state=");
    assertThat(signedIn.status()).as(signedIn.text()).isEqualTo(303);
    assertThat(signedIn.location()).hasValue("/");
    assertThat(browser.get("/").text()).contains("Signed in as");
    assertThat(events("SIGN_IN_SUCCEEDED", "%example-prompt%")).isOne();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aPromptPlugin_refusesADenialAndAnAnswerItsPromptDidNotSign(Store store) throws Exception {
    Browser admin = administrator(store);
    Operator alice = panel.operator("alice", "operator");
    ExamplePrompt prompt = prompt(PROMPT_SECRET);
    ExamplePrompt impostor = prompt("a-secret-the-panel-was-never-given");
    setUpPrompt(admin, prompt, alice);

    Browser misled = panel.browser();
    URI atPrompt = PromptSteps.passwordToPrompt(misled, "alice", prompt.address());
    URI forged = visit(URI.create(impostor.address() + "?" + atPrompt.getRawQuery()));
    Response unverified = misled.get(PluginSteps.callbackPath(forged));
    prompt.deny("alice");
    Browser denied = panel.browser();
    Response refused =
        denied.get(
            PluginSteps.callbackPath(
                visit(PromptSteps.passwordToPrompt(denied, "alice", prompt.address()))));

    assertThat(unverified.status()).isEqualTo(403);
    assertThat(unverified.text()).contains("could not be verified");
    assertThat(misled.get("/").status()).isEqualTo(303);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text()).contains("The example prompt denied this sign-in.");
    assertThat(denied.get("/").status()).isEqualTo(303);
    assertThat(events("SECOND_FACTOR_FAILED", "%factor=example-prompt%")).isEqualTo(2);
    assertThat(events("SIGN_IN_SUCCEEDED", "%example-prompt%")).isZero();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aCodePlugin_asksForItsCodeOnThePanelsPageAndAcceptsOnlyTheRightOne(Store store) {
    Browser admin = administrator(store);
    Operator alice = panel.operator("alice", "operator");
    setUp(admin, ExampleCodePlugin.ID, Map.of(ExampleCodePlugin.SECRET, TOKEN_SECRET), alice);
    Browser browser = panel.browser();

    Response password = signIn(browser, "alice", Panel.PASSWORD);
    Response page = browser.follow(password);
    Response wrong = passSecondFactor(browser, wrongCode());
    Response right = passSecondFactor(browser, ExampleCodePlugin.tokenCode(TOKEN_SECRET));

    assertThat(password.location())
        .hasValueSatisfying(l -> assertThat(l).startsWith("/login/second-factor"));
    assertThat(page.text())
        .contains("Example token")
        .contains("Enter the 6-digit code your example token shows now.")
        .contains("Example token code")
        .doesNotContain("recovery code");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.text()).contains("That is not the code your example token shows.");
    assertThat(right.status()).as(right.text()).isEqualTo(303);
    assertThat(browser.get("/").text()).contains("Signed in as");
    assertThat(events("SIGN_IN_SUCCEEDED", "%example-code%")).isOne();
  }

  /** A code the example token does not show now, nor a step before or after. */
  private static String wrongCode() {
    long now = Totp.step(Instant.now());
    List<String> valid =
        Stream.of(now - 1, now, now + 1)
            .map(step -> Totp.code(TotpSecret.fromBase32(TOKEN_SECRET), step))
            .toList();
    return Stream.of("000000", "111111", "222222", "333333")
        .filter(code -> !valid.contains(code))
        .findFirst()
        .orElseThrow();
  }
}
