package io.supportpro.adapter.in.web.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The panel's page contract as steps a test takes: each opens the page with the form, reads its
 * CSRF token and hidden fields, and posts it as a browser would. The answers are returned
 * unfollowed, so a test can check each redirect.
 */
public final class PanelSteps {
  /** The session cookie's name over plain http. */
  public static final String SESSION_COOKIE = "supportpro_session";

  /** The session cookie's name behind https. */
  public static final String SECURE_SESSION_COOKIE = "__Host-supportpro_session";

  private PanelSteps() {}

  /** Opens the sign-in form and signs in; the answer is the redirect (or the refusal). */
  public static Response signIn(Browser browser, String login, String password) {
    return signIn(browser, "/login", login, password);
  }

  /** Signs in from the sign-in form at {@code loginPage}, such as {@code /login?next=/x}. */
  public static Response signIn(Browser browser, String loginPage, String login, String password) {
    Response form = browser.get(loginPage);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("csrf", Html.csrf(form.body()));
    fields.put("next", Html.inputValue(form.body(), "next").orElse("/"));
    fields.put("login", login);
    fields.put("password", password);
    return browser.post("/login", fields);
  }

  /**
   * Opens the page that holds a form, then posts the fields to {@code action} with the page's CSRF
   * token (and its {@code next} field, if it has one).
   */
  public static Response submit(
      Browser browser, String page, String action, Map<String, String> fields) {
    Response form = browser.get(page);
    if (form.status() != 200) {
      throw new AssertionError("cannot open " + page + ": " + form.status());
    }
    Map<String, String> all = new LinkedHashMap<>();
    all.put("csrf", Html.csrf(form.body()));
    Html.inputValue(form.body(), "next").ifPresent(next -> all.put("next", next));
    all.putAll(fields);
    return browser.post(action, all);
  }

  /**
   * Presses the button that begins an authenticator-app setup on a set-up page ({@code
   * /account/security/totp} or {@code /login/enrol}); the answer is the redirect back to it.
   */
  public static Response beginAuthenticatorSetup(Browser browser, String setupPage) {
    String path =
        setupPage.contains("?") ? setupPage.substring(0, setupPage.indexOf('?')) : setupPage;
    Response begun = submit(browser, setupPage, path + "/begin", Map.of());
    if (begun.status() != 303) {
      throw new AssertionError("cannot begin a setup on " + setupPage + ": " + begun.status());
    }
    return begun;
  }

  /** Enters a code on the second-factor step. */
  public static Response passSecondFactor(Browser browser, String code) {
    return submit(browser, "/login/second-factor", "/login/second-factor", Map.of("code", code));
  }

  /**
   * Enters wrong codes on the second-factor step, each refused with 401, until one is refused with
   * 429; that answer.
   */
  public static Response wrongCodesUntilThrottled(Browser browser) {
    for (int attempt = 0; attempt < 10; attempt++) {
      Response answer = passSecondFactor(browser, "00000" + attempt);
      if (answer.status() == 429) {
        return answer;
      }
      if (answer.status() != 401) {
        throw new AssertionError("a wrong code was answered with " + answer.status());
      }
    }
    throw new AssertionError("ten wrong codes were not throttled");
  }

  /** Signs out with the form in the top bar of the page. */
  public static Response signOut(Browser browser, String page) {
    return submit(browser, page, "/logout", Map.of());
  }
}
