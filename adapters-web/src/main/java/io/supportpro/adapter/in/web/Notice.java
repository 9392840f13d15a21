package io.supportpro.adapter.in.web;

import io.supportpro.application.port.in.NoticeEmail;
import java.util.Arrays;
import java.util.Optional;

/**
 * The one-time messages a page shows after a redirect, named by a fixed key in the query string so
 * that no text from the address bar is ever shown as a message.
 */
enum Notice {
  SIGNED_OUT("signed-out", "You have signed out."),
  SIGN_IN_ENDED("ended", "Your sign-in took too long or has ended; start again."),
  OPERATOR_CREATED("created", "The operator was created."),
  OPERATOR_UPDATED("updated", "The changes were saved."),
  OPERATOR_DEACTIVATED("deactivated", "The operator was deactivated and signed out everywhere."),
  OPERATOR_REACTIVATED("reactivated", "The operator was reactivated and can sign in again."),
  TWO_FACTOR_RESET(
      "2fa-reset", "Two-factor authentication was reset; the operator was signed out everywhere."),
  PASSWORD_CHANGED(
      "password-changed", "Your password was changed; your other sessions were signed out."),
  RESET_LINK_SENT(
      "reset-link-sent",
      "If an active account matches, we sent a link to its e-mail address; it works once, for 30"
          + " minutes."),
  PASSWORD_RESET_BY_LINK(
      "password-reset",
      "Your password was changed and every session of your account was signed out. Sign in with"
          + " your new password."),
  SETTINGS_SAVED("settings-saved", "The settings were saved."),
  THROTTLE_CLEARED("throttle-cleared", "The failed attempts were cleared."),
  TOTP_DISABLED("totp-disabled", "The authenticator app was removed from your account."),
  SESSION_ENDED("session-ended", "The session was signed out."),
  SESSION_ALREADY_ENDED("session-gone", "That session had already ended."),
  OTHER_SESSIONS_ENDED("others-ended", "Every other session of your account was signed out."),
  PLUGIN_INSTALLED("plugin-installed", "The plugin was installed. Activate it to use it."),
  PLUGIN_ACTIVATED("plugin-activated", "The plugin was activated."),
  PLUGIN_DEACTIVATED(
      "plugin-deactivated",
      "The plugin was deactivated. Its settings and per-operator choices are kept."),
  PLUGIN_UNINSTALLED(
      "plugin-uninstalled",
      "The plugin was uninstalled; its settings and per-operator choices were deleted."),
  PLUGIN_SETTINGS_SAVED("plugin-settings-saved", "Settings saved."),
  PLUGIN_ENABLED_FOR_OPERATOR(
      "plugin-enabled", "The operator now signs in with this plugin's second factor."),
  PLUGIN_DISABLED_FOR_OPERATOR(
      "plugin-disabled",
      "The operator no longer signs in with this plugin's second factor; the built-in two-factor"
          + " authentication applies again."),
  TIME_ZONE_SAVED("time-zone-saved", "Your time zone was saved."),
  LANGUAGE_SAVED("language-saved", "Your language was saved."),
  SECOND_FACTOR_SKIPPED(
      "second-factor-skipped",
      "Your second factor could not be reached, so you were signed in with your password only, as"
          + " its fail-open setting allows. This sign-in was recorded.");

  /** Added to a notice when the e-mail announcing the change could not be sent. */
  static final String MAIL_FAILED = " The notice e-mail could not be sent.";

  private final String key;
  private final String message;

  Notice(String key, String message) {
    this.key = key;
    this.message = message;
  }

  /** The query string that shows this notice on the page it is appended to. */
  String query() {
    return "?notice=" + key;
  }

  /**
   * The query string that shows this notice, marked when the e-mail telling the operator of the
   * change could not be sent.
   */
  String query(NoticeEmail email) {
    return query() + (email == NoticeEmail.FAILED ? "&mail=failed" : "");
  }

  /** The notice of a page shown without a redirect: only when the e-mail failed, else null. */
  static String mailFailed(NoticeEmail email) {
    return email == NoticeEmail.FAILED ? MAIL_FAILED.strip() : null;
  }

  /** The sentence to add to a page's notice when its query says the e-mail failed, else "". */
  static String mailFailure(Params query) {
    return query.text("mail").equals("failed") ? MAIL_FAILED : "";
  }

  String message() {
    return message;
  }

  /** The notice a key names; nothing for an unknown key. */
  static Optional<Notice> named(String key) {
    return Arrays.stream(values()).filter(notice -> notice.key.equals(key)).findFirst();
  }
}
