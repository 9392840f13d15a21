package io.supportpro.adapter.in.web;

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
  SETTINGS_SAVED("settings-saved", "The settings were saved."),
  THROTTLE_CLEARED("throttle-cleared", "The failed attempts were cleared."),
  TOTP_DISABLED("totp-disabled", "The authenticator app was removed from your account.");

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

  String message() {
    return message;
  }

  /** The notice a key names; nothing for an unknown key. */
  static Optional<Notice> named(String key) {
    return Arrays.stream(values()).filter(notice -> notice.key.equals(key)).findFirst();
  }
}
