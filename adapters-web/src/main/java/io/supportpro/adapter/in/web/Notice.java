package io.supportpro.adapter.in.web;

import io.supportpro.application.port.in.NoticeEmail;
import java.util.Arrays;
import java.util.Optional;

/**
 * The one-time messages a page shows after a redirect, named by a fixed key in the query string so
 * that no text from the address bar is ever shown as a message.
 */
enum Notice {
  SIGNED_OUT("signed-out"),
  SIGN_IN_ENDED("ended"),
  OPERATOR_CREATED("created"),
  OPERATOR_UPDATED("updated"),
  OPERATOR_DEACTIVATED("deactivated"),
  OPERATOR_REACTIVATED("reactivated"),
  TWO_FACTOR_RESET("2fa-reset"),
  PASSWORD_CHANGED("password-changed"),
  RESET_LINK_SENT("reset-link-sent"),
  PASSWORD_RESET_BY_LINK("password-reset"),
  SETTINGS_SAVED("settings-saved"),
  THROTTLE_CLEARED("throttle-cleared"),
  TOTP_DISABLED("totp-disabled"),
  SESSION_ENDED("session-ended"),
  SESSION_ALREADY_ENDED("session-gone"),
  OTHER_SESSIONS_ENDED("others-ended"),
  PLUGIN_INSTALLED("plugin-installed"),
  PLUGIN_ACTIVATED("plugin-activated"),
  PLUGIN_DEACTIVATED("plugin-deactivated"),
  PLUGIN_UNINSTALLED("plugin-uninstalled"),
  PLUGIN_SETTINGS_SAVED("plugin-settings-saved"),
  PLUGIN_ENABLED_FOR_OPERATOR("plugin-enabled"),
  PLUGIN_DISABLED_FOR_OPERATOR("plugin-disabled"),
  TIME_ZONE_SAVED("time-zone-saved"),
  LANGUAGE_SAVED("language-saved"),
  SECOND_FACTOR_SKIPPED("second-factor-skipped");

  /** The key of the sentence added to a notice when the e-mail announcing the change failed. */
  static final String MAIL_FAILED = "notice.mail-failed";

  private final String key;

  Notice(String key) {
    this.key = key;
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
  static String mailFailed(Texts texts, NoticeEmail email) {
    return email == NoticeEmail.FAILED ? texts.get(MAIL_FAILED) : null;
  }

  /** The sentence to add to a page's notice when its query says the e-mail failed, else "". */
  static String mailFailure(Texts texts, Params query) {
    return query.text("mail").equals("failed") ? " " + texts.get(MAIL_FAILED) : "";
  }

  /** The key of this notice's sentence in the bundles. */
  String textKey() {
    return "notice." + key;
  }

  /** This notice's sentence in the language of the texts. */
  String message(Texts texts) {
    return texts.get(textKey());
  }

  /** The notice a key names; nothing for an unknown key. */
  static Optional<Notice> named(String key) {
    return Arrays.stream(values()).filter(notice -> notice.key.equals(key)).findFirst();
  }
}
