package io.supportpro.adapter.in.web;

import io.supportpro.application.port.in.CheckHealthUseCase;
import io.supportpro.application.port.in.CreateOperatorUseCase;
import io.supportpro.application.port.in.DeactivateOperatorUseCase;
import io.supportpro.application.port.in.DisableTotpUseCase;
import io.supportpro.application.port.in.EnrolTotpUseCase;
import io.supportpro.application.port.in.ForceTwoFactorUseCase;
import io.supportpro.application.port.in.ListOperatorsUseCase;
import io.supportpro.application.port.in.ManageSignInThrottlesUseCase;
import io.supportpro.application.port.in.PassSecondFactorUseCase;
import io.supportpro.application.port.in.QueryAuditLogUseCase;
import io.supportpro.application.port.in.ReactivateOperatorUseCase;
import io.supportpro.application.port.in.RecordAuditEventUseCase;
import io.supportpro.application.port.in.RegenerateRecoveryCodesUseCase;
import io.supportpro.application.port.in.ResetTwoFactorUseCase;
import io.supportpro.application.port.in.ResumeSessionUseCase;
import io.supportpro.application.port.in.SignInUseCase;
import io.supportpro.application.port.in.SignOutUseCase;
import io.supportpro.application.port.in.UpdateOperatorUseCase;
import io.supportpro.application.port.in.ViewTwoFactorStatusUseCase;
import java.util.Objects;

/** The in-ports the web adapter drives. */
public record WebUseCases(
    CheckHealthUseCase health,
    SignInUseCase signIn,
    ResumeSessionUseCase resumeSession,
    SignOutUseCase signOut,
    PassSecondFactorUseCase passSecondFactor,
    EnrolTotpUseCase enrolTotp,
    DisableTotpUseCase disableTotp,
    RegenerateRecoveryCodesUseCase regenerateRecoveryCodes,
    ViewTwoFactorStatusUseCase twoFactorStatus,
    ListOperatorsUseCase listOperators,
    CreateOperatorUseCase createOperator,
    UpdateOperatorUseCase updateOperator,
    DeactivateOperatorUseCase deactivateOperator,
    ReactivateOperatorUseCase reactivateOperator,
    ResetTwoFactorUseCase resetTwoFactor,
    ForceTwoFactorUseCase forceTwoFactor,
    ManageSignInThrottlesUseCase signInThrottles,
    QueryAuditLogUseCase queryAuditLog,
    RecordAuditEventUseCase recordAuditEvent) {
  public WebUseCases {
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(signIn, "signIn");
    Objects.requireNonNull(resumeSession, "resumeSession");
    Objects.requireNonNull(signOut, "signOut");
    Objects.requireNonNull(passSecondFactor, "passSecondFactor");
    Objects.requireNonNull(enrolTotp, "enrolTotp");
    Objects.requireNonNull(disableTotp, "disableTotp");
    Objects.requireNonNull(regenerateRecoveryCodes, "regenerateRecoveryCodes");
    Objects.requireNonNull(twoFactorStatus, "twoFactorStatus");
    Objects.requireNonNull(listOperators, "listOperators");
    Objects.requireNonNull(createOperator, "createOperator");
    Objects.requireNonNull(updateOperator, "updateOperator");
    Objects.requireNonNull(deactivateOperator, "deactivateOperator");
    Objects.requireNonNull(reactivateOperator, "reactivateOperator");
    Objects.requireNonNull(resetTwoFactor, "resetTwoFactor");
    Objects.requireNonNull(forceTwoFactor, "forceTwoFactor");
    Objects.requireNonNull(signInThrottles, "signInThrottles");
    Objects.requireNonNull(queryAuditLog, "queryAuditLog");
    Objects.requireNonNull(recordAuditEvent, "recordAuditEvent");
  }
}
