package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.beginAuthenticatorSetup;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.PluginSteps;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.adapter.in.web.testing.TestPlugins;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.page.PageRequest;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input in every field of every form: the answer is a page with a message, never a failure,
 * and whatever came in goes back out escaped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
  /** Input that has broken web forms before. */
  enum Nasty {
    EMPTY(""),
    HUGE("x".repeat(100_000)),
    UNICODE("Zoë Ñandú 🙂 中文"),
    CONTROL("ab\u0000c\u0007\r\n\td"),
    SQL("' OR '1'='1'; DROP TABLE operators; --"),
    HTML("<script>alert('x')</script><img src=x onerror=alert(1)>\"'&");

    final String value;

    Nasty(String value) {
      this.value = value;
    }
  }

  private static final List<String> RAW_MARKUP = List.of("<script>alert", "<img src=x");

  /**
   * A form of the panel: how to send it with one field replaced, which fields it has, its primary
   * field, where every kind of nasty input is wrong (except nothing at all, in a filter), if it has
   * one, and whether it is posted with a CSRF token.
   */
  record Form(
      String name,
      List<String> fields,
      String primary,
      boolean emptyIsValid,
      boolean posted,
      Function<Map<String, String>, Response> send) {
    /** A posted form, or a filter sent with GET when nothing at all is valid in it. */
    Form(
        String name,
        List<String> fields,
        String primary,
        boolean emptyIsValid,
        Function<Map<String, String>, Response> send) {
      this(name, fields, primary, emptyIsValid, !emptyIsValid, send);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<String> PROMPT_FIELDS =
      List.copyOf(PluginSteps.workingPromptFields("closed").keySet());

  private static final String OPERATORS = PluginSteps.operatorsPage(PluginSteps.PROMPT);

  private TestPanel panel;
  private Browser admin;
  private Browser enrolled;
  private Browser notEnrolled;
  private Operator target;
  private final AtomicInteger unique = new AtomicInteger();
  private List<Form> forms;

  @BeforeAll
  void start() {
    panel = TestPanel.start();
    admin = panel.browser();
    signIn(admin, TestPanel.ADMIN, TestPanel.PASSWORD);
    target = panel.create("target", "operator");
    panel.create("carol", "operator");
    panel.create("newbie", "operator");

    enrolled = panel.browser();
    signIn(enrolled, TestPanel.OPERATOR, TestPanel.PASSWORD);
    beginAuthenticatorSetup(enrolled, "/account/security/totp");
    String secret = Html.totpSecret(enrolled.get("/account/security/totp").body());
    submit(
        enrolled,
        "/account/security/totp",
        "/account/security/totp",
        Map.of("code", Totp.code(TotpSecret.fromBase32(secret), Totp.step(panel.clock.now()))));
    notEnrolled = panel.browser();
    signIn(notEnrolled, "carol", TestPanel.PASSWORD);
    beginAuthenticatorSetup(notEnrolled, "/account/security/totp");
    PluginSteps.setUpPrompt(admin, "closed");
    PluginSteps.setUpCode(admin);
    PluginSteps.installAndActivate(admin, TestPlugins.WEBHOOKS.value());
    panel.create("prompt-user", "operator");
    PluginSteps.setForOperator(
        admin, PluginSteps.PROMPT, panel.operator("prompt-user").id().toString(), true);
    panel.create("code-user", "operator");
    PluginSteps.setForOperator(
        admin, PluginSteps.CODE, panel.operator("code-user").id().toString(), true);

    forms =
        List.of(
            new Form("sign-in", List.of("login", "password"), "login", false, this::signInForm),
            new Form("second factor", List.of("code"), "code", false, this::secondFactorForm),
            new Form("plugin code", List.of("code"), "code", false, this::pluginCodeForm),
            new Form("forced enrolment", List.of("code"), "code", false, this::enrolmentForm),
            new Form(
                "account set-up",
                List.of("code"),
                "code",
                false,
                fields ->
                    send(notEnrolled, "/account/security/totp", "/account/security/totp", fields)),
            new Form(
                "remove app",
                List.of("code"),
                "code",
                false,
                fields ->
                    send(enrolled, "/account/security", "/account/security/totp/disable", fields)),
            new Form(
                "new recovery codes",
                List.of("code"),
                "code",
                false,
                fields ->
                    send(
                        enrolled, "/account/security", "/account/security/recovery-codes", fields)),
            new Form(
                "new operator",
                List.of("username", "email", "displayName", "role", "password"),
                "username",
                false,
                this::newOperatorForm),
            new Form(
                "edit operator",
                List.of("email", "displayName", "role"),
                "email",
                false,
                fields -> send(admin, editPage(), editPage(), editFields(fields))),
            new Form(
                "time zone",
                List.of("zone"),
                "zone",
                false,
                fields -> send(admin, "/account/time-zone", "/account/time-zone", fields)),
            new Form(
                "language",
                List.of("language"),
                "language",
                false,
                fields -> send(admin, "/account/language", "/account/language", fields)),
            new Form(
                "settings",
                List.of("requireTwoFactor"),
                "requireTwoFactor",
                false,
                fields -> send(admin, "/admin/settings", "/admin/settings", fields)),
            new Form(
                "clear throttle",
                List.of("kind", "value"),
                "kind",
                false,
                fields ->
                    send(
                        admin,
                        "/admin/throttles",
                        "/admin/throttles/clear",
                        throttleFields(fields))),
            new Form(
                "operator search",
                List.of("q", "after", "before"),
                "after",
                true,
                fields -> admin.get("/admin/operators?" + Browser.encode(fields))),
            new Form(
                "audit filter",
                List.of("operator", "type", "from", "to", "older"),
                "type",
                true,
                fields -> admin.get("/admin/audit?" + Browser.encode(fields))),
            new Form(
                "plugin action",
                List.of(),
                null,
                false,
                fields ->
                    send(admin, "/admin/plugins", "/admin/plugins/webhooks/deactivate", fields)),
            new Form(
                "prompt settings",
                withAction(PROMPT_FIELDS),
                "setting-client_id",
                false,
                fields -> promptSettingsForm("save", fields)),
            new Form(
                "prompt connection test",
                withAction(PROMPT_FIELDS),
                "setting-client_id",
                false,
                fields -> promptSettingsForm("test", fields)),
            new Form(
                "webhook settings",
                List.of(
                    "setting-url",
                    "setting-signing_key",
                    "setting-format",
                    "setting-retries",
                    "action"),
                "setting-url",
                false,
                this::webhookForm),
            new Form(
                "plugin operator search",
                List.of("q", "after", "before"),
                "after",
                true,
                fields -> admin.get(OPERATORS + "?" + Browser.encode(fields))),
            new Form(
                "plugin for an operator",
                List.of("enabled", "q", "after", "before"),
                "enabled",
                false,
                this::pluginOperatorForm),
            new Form("prompt step", List.of("next"), null, false, true, this::promptStepForm),
            new Form(
                "prompt callback",
                List.of("state", "code", "error", "error_description"),
                "state",
                false,
                false,
                this::promptCallback));
  }

  @AfterAll
  void stop() {
    panel.close();
  }

  @BeforeEach
  void forgetFailures() {
    // Each case starts unthrottled, so that its own answer is tested, not the sum of the others.
    var throttles = panel.useCases.panel().signInThrottles();
    throttles
        .list(new PageRequest(1, PageRequest.MAX_SIZE))
        .items()
        .forEach(entry -> throttles.clear(Actor.system("test"), entry.state().key()));
  }

  Stream<Arguments> primaryFields() {
    return forms.stream()
        .filter(form -> form.primary() != null)
        .flatMap(
            form ->
                Stream.of(Nasty.values())
                    .filter(nasty -> !(form.emptyIsValid() && nasty == Nasty.EMPTY))
                    .map(nasty -> Arguments.of(form, nasty)));
  }

  Stream<Arguments> everyField() {
    return forms.stream()
        .flatMap(
            form ->
                form.fields().stream()
                    .flatMap(
                        field ->
                            Stream.of(Nasty.values())
                                .map(nasty -> Arguments.of(form, field, nasty))));
  }

  Stream<Arguments> postedForms() {
    return forms.stream()
        .filter(Form::posted)
        .flatMap(form -> Stream.of(Nasty.values()).map(nasty -> Arguments.of(form, nasty)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("primaryFields")
  void badInputInTheMainField_isA4xxPageWithAMessage(Form form, Nasty nasty) {
    Response answer = form.send().apply(Map.of(form.primary(), nasty.value));

    assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
    assertHasMessage(answer);
    assertEscaped(answer);
  }

  @ParameterizedTest(name = "{0}, {1}: {2}")
  @MethodSource("everyField")
  void badInputInAnyField_neverFailsAndComesBackEscaped(Form form, String field, Nasty nasty) {
    Response answer = form.send().apply(Map.of(field, nasty.value));

    assertThat(answer.status()).as(answer.toString()).isLessThan(500);
    if (answer.status() >= 400) {
      assertHasMessage(answer);
    }
    assertEscaped(answer);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("postedForms")
  void badInputInTheCsrfField_isRefusedWith403(Form form, Nasty nasty) {
    Response answer = form.send().apply(Map.of("csrf", nasty.value));

    assertThat(answer.status()).as(answer.toString()).isIn(403, 413);
    assertHasMessage(answer);
    assertEscaped(answer);
  }

  private static void assertHasMessage(Response answer) {
    assertThat(answer.body())
        .as("a message for the person")
        .containsAnyOf("class=\"field-error\"", "class=\"alert alert-error\"", "error-page");
  }

  private static void assertEscaped(Response answer) {
    RAW_MARKUP.forEach(markup -> assertThat(answer.body()).doesNotContain(markup));
  }

  private Response signInForm(Map<String, String> replaced) {
    Browser browser = panel.browser();
    Response form = browser.get("/login");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("csrf", Html.csrf(form.body()));
    fields.put("next", "/");
    fields.put("login", TestPanel.OPERATOR);
    fields.put("password", "a wrong password");
    fields.putAll(replaced);
    return browser.post("/login", fields);
  }

  private Response secondFactorForm(Map<String, String> replaced) {
    Browser browser = panel.browser();
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    return send(browser, "/login/second-factor", "/login/second-factor", replaced);
  }

  private Response pluginCodeForm(Map<String, String> replaced) {
    Browser browser = panel.browser();
    signIn(browser, "code-user", TestPanel.PASSWORD);
    return send(browser, "/login/second-factor", "/login/second-factor", replaced);
  }

  private Response enrolmentForm(Map<String, String> replaced) {
    Browser browser = panel.browser();
    panel.settings.setForceTwoFactor(true);
    try {
      signIn(browser, "newbie", TestPanel.PASSWORD);
    } finally {
      panel.settings.setForceTwoFactor(false);
    }
    beginAuthenticatorSetup(browser, "/login/enrol");
    return send(browser, "/login/enrol", "/login/enrol", replaced);
  }

  private Response newOperatorForm(Map<String, String> replaced) {
    int n = unique.incrementAndGet();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("username", "user" + n);
    fields.put("email", "user" + n + "@example.com");
    fields.put("displayName", "User " + n);
    fields.put("role", "operator");
    fields.put("password", "a-fine-long-password-" + n);
    fields.putAll(replaced);
    return send(admin, "/admin/operators/new", "/admin/operators", fields);
  }

  private String editPage() {
    return "/admin/operators/" + target.id();
  }

  private static Map<String, String> editFields(Map<String, String> replaced) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("email", "target@example.com");
    fields.put("displayName", "Target");
    fields.put("role", "operator");
    fields.putAll(replaced);
    return fields;
  }

  private static List<String> withAction(List<String> fields) {
    List<String> all = new java.util.ArrayList<>(fields);
    all.add("action");
    return all;
  }

  private Response promptSettingsForm(String action, Map<String, String> replaced) {
    Map<String, String> fields = new LinkedHashMap<>(PluginSteps.workingPromptFields("closed"));
    fields.put("action", action);
    fields.putAll(replaced);
    String page = PluginSteps.settingsPage(PluginSteps.PROMPT);
    return send(admin, page, page, fields);
  }

  private Response webhookForm(Map<String, String> replaced) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("setting-url", "https://hooks.example.com/x");
    fields.put("setting-signing_key", "");
    fields.put("setting-format", "json");
    fields.put("setting-retries", "3");
    fields.put("action", "save");
    fields.putAll(replaced);
    String page = PluginSteps.settingsPage(TestPlugins.WEBHOOKS.value());
    return send(admin, page, page, fields);
  }

  private Response pluginOperatorForm(Map<String, String> replaced) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("enabled", "true");
    fields.put("q", "");
    fields.put("after", "");
    fields.putAll(replaced);
    return send(admin, OPERATORS, OPERATORS + "/" + target.id(), fields);
  }

  /** Presses the button of the prompt step, once the password has sent the browser there. */
  private Response promptStepForm(Map<String, String> replaced) {
    Browser browser = panel.browser();
    signIn(browser, "prompt-user", TestPanel.PASSWORD);
    return send(browser, PluginSteps.PROMPT_STEP, PluginSteps.PROMPT_STEP, replaced);
  }

  /** Comes back from an approved prompt with some of the parameters replaced. */
  private Response promptCallback(Map<String, String> replaced) {
    Browser browser = panel.browser();
    java.net.URI back =
        panel.prompt.approve(
            java.net.URI.create(
                signIn(browser, "prompt-user", TestPanel.PASSWORD).location().orElseThrow()));
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : back.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      fields.put(
          parts[0], java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8));
    }
    fields.putAll(replaced);
    return browser.get(back.getRawPath() + "?" + Browser.encode(fields));
  }

  private static Map<String, String> throttleFields(Map<String, String> replaced) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("kind", "ACCOUNT");
    fields.put("value", "ghost");
    fields.putAll(replaced);
    return fields;
  }

  /**
   * Posts the fields with the page's CSRF token and hidden fields, unless the fields replace the
   * token itself.
   */
  private static Response send(
      Browser browser, String page, String action, Map<String, String> replaced) {
    Response form = browser.get(page);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("csrf", Html.csrf(form.body()));
    Html.inputValue(form.body(), "next").ifPresent(next -> fields.put("next", next));
    fields.putAll(replaced);
    return browser.post(action, fields);
  }
}
