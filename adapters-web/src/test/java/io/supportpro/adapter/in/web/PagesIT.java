package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.PluginSteps;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.adapter.in.web.testing.TestPlugins;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every page renders, accessibly, and without anything the Content-Security-Policy forbids. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesIT {
  private TestPanel panel;
  private Browser admin;

  @BeforeAll
  void start() {
    panel = TestPanel.start();
    admin = panel.browser();
    assertThat(signIn(admin, TestPanel.ADMIN, TestPanel.PASSWORD).status()).isEqualTo(303);
    PluginSteps.setUpPrompt(admin, "closed");
    PluginSteps.setUpCode(admin);
    PluginSteps.installAndActivate(admin, TestPlugins.WEBHOOKS.value());
  }

  @AfterAll
  void stop() {
    panel.close();
  }

  Stream<String> adminPages() {
    return Stream.of(
        "/",
        "/account/security",
        "/account/security/totp",
        "/account/sessions",
        "/account/password",
        "/account/time-zone",
        "/account/language",
        "/admin/operators",
        "/admin/operators?q=oli&page=1",
        "/admin/operators/new",
        "/admin/operators/" + panel.operator(TestPanel.OPERATOR).id(),
        "/admin/operators/" + panel.operator(TestPanel.OPERATOR).id() + "/reset-password",
        "/admin/operators/" + panel.operator(TestPanel.OPERATOR).id() + "/deactivate",
        "/admin/settings",
        "/admin/audit",
        "/admin/audit?type=SIGN_IN_SUCCEEDED&from=2026-01-01&to=2026-12-31",
        "/admin/throttles",
        "/admin/plugins",
        "/admin/plugins/example-prompt/uninstall",
        "/admin/plugins/example-prompt/deactivate",
        "/admin/plugins/webhooks/deactivate",
        "/admin/plugins/example-prompt/settings",
        "/admin/plugins/example-code/settings",
        "/admin/plugins/webhooks/settings",
        "/admin/plugins/example-prompt/operators",
        "/admin/plugins/example-prompt/operators?q=oli&page=1",
        "/admin/plugins/example-code/operators");
  }

  @ParameterizedTest
  @MethodSource("adminPages")
  void everyPageRendersAsAnAccessibleDocument(String path) {
    Response page = admin.get(path);

    assertThat(page.status()).as(path).isEqualTo(200);
    assertWellFormedPage(page);
  }

  @ParameterizedTest
  @MethodSource("adminPages")
  void everyPageAnswersHeadAsItAnswersGet_withoutABody(String path) {
    Response get = admin.get(path);
    Response head = admin.send(admin.request(path).HEAD());

    assertThat(head.status()).as(path).isEqualTo(get.status());
    assertThat(head.location()).as(path).isEqualTo(get.location());
    assertThat(head.body()).as(path).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/login", "/login/forgot"})
  void theSignInPagesAnswerHeadAsTheyAnswerGet(String path) {
    Browser anyone = panel.browser();
    Response head = anyone.send(anyone.request(path).HEAD());

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.location()).isEmpty();
    assertThat(head.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(head.body()).isEmpty();
  }

  @Test
  void headToAnAdministrationPage_isRefusedToOperatorsAsGetIs() {
    Browser olivia = panel.browser();
    signIn(olivia, TestPanel.OPERATOR, TestPanel.PASSWORD);

    Response head = olivia.send(olivia.request("/admin/operators").HEAD());

    assertThat(head.status()).isEqualTo(olivia.get("/admin/operators").status()).isEqualTo(403);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void theSignInPageRendersForAnyone() {
    Response page = panel.browser().get("/login");

    assertThat(page.status()).isEqualTo(200);
    assertWellFormedPage(page);
    assertThat(page.body()).contains("<label for=\"login\">Username or e-mail</label>");
  }

  @Test
  void administratorsSeeTheAdministrationMenuAndTheirName() {
    String body = admin.get("/").body();

    assertThat(body)
        .contains("Signed in as", "Operator admin")
        .contains("href=\"/admin/operators\"", "href=\"/admin/audit\"")
        .contains("href=\"/admin/throttles\"", "href=\"/admin/settings\"")
        .contains("href=\"/admin/plugins\"")
        .contains("action=\"/logout\"");
  }

  @Test
  void operatorsSeeNoAdministrationMenu() {
    Browser olivia = panel.browser();
    signIn(olivia, TestPanel.OPERATOR, TestPanel.PASSWORD);

    String body = olivia.get("/").body();

    assertThat(body).contains("Operator olivia", "href=\"/account/security\"");
    assertThat(body).doesNotContain("href=\"/admin/");
  }

  @Test
  void pluginSettingsPages_describeFieldsOnlyWithTextsOnThePage_inEveryStateOfTheForm() {
    List<Response> pages =
        List.of(
            admin.get("/admin/plugins/webhooks/settings"),
            admin.get("/admin/plugins/example-prompt/settings"),
            PluginSteps.testConnection(
                admin, PluginSteps.PROMPT, PluginSteps.workingPromptFields("closed")),
            PluginSteps.saveSettings(
                admin,
                TestPlugins.WEBHOOKS.value(),
                Map.of(
                    "setting-url", "ftp://x", "setting-format", "xml", "setting-retries", "many")));
    for (Response page : pages) {
      assertWellFormedPage(page);
      var described = Pattern.compile("aria-describedby=\"([^\"]+)\"").matcher(page.body());
      int count = 0;
      while (described.find()) {
        for (String id : described.group(1).split(" ")) {
          assertThat(page.body()).as(page.toString()).contains("id=\"" + id + "\"");
          count++;
        }
      }
      assertThat(count).isPositive();
    }
    // A refused save summarises the problems, each linking to its field, and takes the focus.
    assertThat(pages.getLast().status()).isEqualTo(422);
    assertThat(pages.getLast().body())
        .containsPattern("id=\"error-summary\" tabindex=\"-1\" autofocus")
        .contains(
            "href=\"#setting-url\"", "href=\"#setting-format-0\"", "href=\"#setting-retries\"");
  }

  @Test
  void theStylesheetIsServedFromTheJar() {
    Response css = panel.browser().get("/assets/app.css");

    assertThat(css.status()).isEqualTo(200);
    assertThat(css.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    assertThat(css.body()).contains(":focus-visible");
  }

  static void assertWellFormedPage(Response page) {
    String body = page.body();
    assertThat(page.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(body).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">");
    assertThat(body).containsPattern("<title>[^<]+ · SupportPro</title>");
    assertThat(body).contains("<a class=\"skip-link\" href=\"#main\">", "<main id=\"main\"");
    assertThat(body).contains("<link rel=\"stylesheet\" href=\"/assets/app.css\">");
    // The Content-Security-Policy allows neither inline scripts nor inline styles.
    assertThat(body).doesNotContain("<script", "<style", "style=", "javascript:", "data:");
    assertThat(body).doesNotContainPattern(" on[a-z]+=\"");
    assertThat(Html.unlabelledFields(body)).as("fields without a label").isEmpty();
    assertThat(body).doesNotContain("th:");
    List.of("Exception", "at io.supportpro", "at io.javalin")
        .forEach(trace -> assertThat(body).doesNotContain(trace));
  }
}
