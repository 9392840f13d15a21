package io.supportpro.application.service;

import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.CodeMethod;
import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.application.port.out.StepOutcome;
import io.supportpro.application.port.out.TotpCredentials;
import io.supportpro.application.port.out.TotpEnrolment;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.secondfactor.CodeField;
import io.supportpro.domain.secondfactor.RecoveryCode;
import io.supportpro.domain.secondfactor.Totp;
import io.supportpro.domain.secondfactor.TotpSecret;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in second factor as a code method: a code from the operator's authenticator app, each
 * used once, or one of their recovery codes. It takes no settings.
 */
final class TotpCodes implements CodeMethod {
  // The panel's own words for the built-in method are keys of the web adapter's bundles, so that
  // each page words them in its reader's language.

  /** The page of the authenticator app, which also takes a recovery code. */
  static final CodeField FIELD =
      new CodeField("totp.field.title", "totp.field.instructions", "totp.field.label");

  static final String WRONG_CODE = "totp.wrong-code";
  static final String REPLAYED_CODE = "totp.replayed-code";
  static final String MALFORMED_CODE = "totp.malformed-code";
  private static final String UNREADABLE_SECRET = "totp.unreadable-secret";
  private static final String WRONG_RECOVERY_CODE = "totp.wrong-recovery-code";
  private static final String NOT_ENROLLED = "totp.not-enrolled";

  private final TotpCredentials credentials;
  private final SecretCipher cipher;
  private final AuditLog audit;
  private final Clock clock;

  TotpCodes(TotpCredentials credentials, SecretCipher cipher, AuditLog audit, Clock clock) {
    this.credentials = credentials;
    this.cipher = cipher;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public CodeField field() {
    return FIELD;
  }

  /** Whether the operator has a confirmed authenticator app. */
  boolean enrolled(OperatorId operator) {
    return credentials.find(operator).map(TotpEnrolment::confirmed).orElse(false);
  }

  @Override
  public StepOutcome.Checked check(PluginSettings settings, Attempt attempt) {
    OperatorId operator = attempt.operator().id();
    Optional<TotpEnrolment> enrolment = credentials.find(operator).filter(TotpEnrolment::confirmed);
    if (enrolment.isEmpty()) {
      return new StepOutcome.Refused("not_enrolled", NOT_ENROLLED, "");
    }
    Instant now = clock.now();
    String typed = attempt.code().strip();
    if (typed.replace(" ", "").length() == Totp.DIGITS) {
      Optional<TotpSecret> readable = secret(enrolment.get().encryptedSecret());
      if (readable.isEmpty()) {
        return refused(UNREADABLE_SECRET);
      }
      return switch (Totp.verify(readable.get(), typed, now, enrolment.get().lastUsedStep())) {
        case Totp.Check.Accepted accepted ->
            credentials.useStep(operator, accepted.step())
                ? new StepOutcome.Passed(Map.of("second_factor", "totp"))
                : refused(REPLAYED_CODE);
        case Totp.Check.Rejected rejected -> refused(message(rejected.reason()));
      };
    }
    Optional<String> hash = RecoveryCode.hash(typed);
    if (hash.isEmpty()) {
      return refused(MALFORMED_CODE);
    }
    if (!credentials.useRecoveryCode(operator, hash.get())) {
      return refused(WRONG_RECOVERY_CODE);
    }
    audit.append(
        new AuditEvent(
            now,
            AuditEventType.RECOVERY_CODE_USED,
            SignInCompletion.actor(attempt.operator(), attempt.clientAddress()),
            operator.toString(),
            Map.of("remaining", Integer.toString(credentials.remainingRecoveryCodes(operator)))));
    return new StepOutcome.Passed(Map.of("second_factor", "totp"));
  }

  /** The stored secret, or empty when it was encrypted with another key than this server's. */
  Optional<TotpSecret> secret(String encrypted) {
    try {
      return Optional.of(TotpSecret.fromBase32(cipher.decrypt(encrypted)));
    } catch (SecretCipher.UndecryptableSecretException e) {
      return Optional.empty();
    }
  }

  /** The key of the sentence for a code that did not verify. */
  static String message(Totp.Check.Reason reason) {
    return switch (reason) {
      case MALFORMED -> MALFORMED_CODE;
      case WRONG -> WRONG_CODE;
      case REPLAYED -> REPLAYED_CODE;
    };
  }

  private static StepOutcome.Refused refused(String message) {
    return new StepOutcome.Refused("wrong_code", message, "");
  }
}
