package io.supportpro.adapter.in.web;

import io.supportpro.domain.audit.AuditEventType;

/**
 * The words a person reads for each kind of audit event, the one place the filter, the table and
 * the exports take them from.
 */
final class EventLabels {
  private EventLabels() {}

  /** The label of a type; a switch without default, so a new type cannot go unlabelled. */
  static String of(AuditEventType type) {
    return switch (type) {
      case PASSWORD_ACCEPTED -> "Password accepted";
      case SIGN_IN_SUCCEEDED -> "Signed in";
      case SIGN_IN_FAILED -> "Sign-in failed";
      case SIGN_IN_THROTTLED -> "Sign-in throttled";
      case SIGN_IN_THROTTLE_CLEARED -> "Sign-in throttle cleared";
      case SIGNED_OUT -> "Signed out";
      case SESSION_ENDED -> "Session ended";
      case OTHER_SESSIONS_ENDED -> "Other sessions ended";
      case SECOND_FACTOR_FAILED -> "Second factor failed";
      case SECOND_FACTOR_THROTTLED -> "Second factor throttled";
      case SECOND_FACTOR_SKIPPED_FAIL_OPEN -> "Second factor skipped (fail open)";
      case TOTP_ENROLMENT_BEGUN -> "Authenticator app enrolment begun";
      case TOTP_ENROLLED -> "Authenticator app enrolled";
      case TOTP_DISABLED -> "Authenticator app removed";
      case RECOVERY_CODE_USED -> "Recovery code used";
      case RECOVERY_CODES_REGENERATED -> "Recovery codes regenerated";
      case TWO_FACTOR_RESET -> "Two-factor authentication reset";
      case PASSWORD_CHANGED -> "Password changed";
      case PASSWORD_CHANGE_FAILED -> "Password change failed";
      case PASSWORD_RESET -> "Password reset by an administrator";
      case PASSWORD_RESET_LINK_REQUESTED -> "Password reset link requested";
      case PASSWORD_RESET_BY_LINK -> "Password reset by link";
      case OPERATOR_CREATED -> "Operator created";
      case OPERATOR_UPDATED -> "Operator changed";
      case OPERATOR_DEACTIVATED -> "Operator deactivated";
      case OPERATOR_REACTIVATED -> "Operator reactivated";
      case SETTING_CHANGED -> "Setting changed";
      case PLUGIN_INSTALLED -> "Plugin installed";
      case PLUGIN_ACTIVATED -> "Plugin activated";
      case PLUGIN_DEACTIVATED -> "Plugin deactivated";
      case PLUGIN_UNINSTALLED -> "Plugin uninstalled";
      case PLUGIN_ACTION_REFUSED -> "Plugin action refused";
      case PLUGIN_SETTINGS_CHANGED -> "Plugin settings changed";
      case PLUGIN_ENABLED_FOR_OPERATOR -> "Plugin enabled for an operator";
      case PLUGIN_DISABLED_FOR_OPERATOR -> "Plugin disabled for an operator";
      case PLUGIN_ENABLED_FOR_OPERATORS -> "Plugin enabled for operators";
      case PLUGIN_DISABLED_FOR_OPERATORS -> "Plugin disabled for operators";
      case PLUGIN_CONNECTION_TESTED -> "Plugin connection tested";
      case ACCESS_DENIED -> "Access denied";
      case AUDIT_LOG_PURGED -> "Audit log purged";
      case AUDIT_LOG_EXPORTED -> "Audit log exported";
      case TIME_ZONE_CHANGED -> "Time zone changed";
      case LANGUAGE_CHANGED -> "Language changed";
    };
  }
}
