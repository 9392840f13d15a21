package io.supportpro.adapter.in.web;

import io.supportpro.application.port.in.ActivatePluginUseCase;
import io.supportpro.application.port.in.ChangePasswordUseCase;
import io.supportpro.application.port.in.CheckHealthUseCase;
import io.supportpro.application.port.in.ChooseLanguageUseCase;
import io.supportpro.application.port.in.ChooseTimeZoneUseCase;
import io.supportpro.application.port.in.CompletePromptUseCase;
import io.supportpro.application.port.in.ConfigurePluginUseCase;
import io.supportpro.application.port.in.CreateOperatorUseCase;
import io.supportpro.application.port.in.DeactivateOperatorUseCase;
import io.supportpro.application.port.in.DeactivatePluginUseCase;
import io.supportpro.application.port.in.DisableTotpUseCase;
import io.supportpro.application.port.in.EnrolTotpUseCase;
import io.supportpro.application.port.in.ExportAuditLogUseCase;
import io.supportpro.application.port.in.ForceTwoFactorUseCase;
import io.supportpro.application.port.in.InstallPluginUseCase;
import io.supportpro.application.port.in.ListOperatorsUseCase;
import io.supportpro.application.port.in.ListPluginsUseCase;
import io.supportpro.application.port.in.ManagePluginOperatorsUseCase;
import io.supportpro.application.port.in.ManageSessionsUseCase;
import io.supportpro.application.port.in.ManageSignInThrottlesUseCase;
import io.supportpro.application.port.in.PassSecondFactorUseCase;
import io.supportpro.application.port.in.PreviewDeactivationUseCase;
import io.supportpro.application.port.in.PreviewPluginFallbackUseCase;
import io.supportpro.application.port.in.PreviewTwoFactorResetUseCase;
import io.supportpro.application.port.in.QueryAuditLogUseCase;
import io.supportpro.application.port.in.ReactivateOperatorUseCase;
import io.supportpro.application.port.in.RecogniseBrowserUseCase;
import io.supportpro.application.port.in.RecordAuditEventUseCase;
import io.supportpro.application.port.in.RegenerateRecoveryCodesUseCase;
import io.supportpro.application.port.in.RequestPasswordResetUseCase;
import io.supportpro.application.port.in.ResetPasswordByLinkUseCase;
import io.supportpro.application.port.in.ResetPasswordUseCase;
import io.supportpro.application.port.in.ResetTwoFactorUseCase;
import io.supportpro.application.port.in.ResumeSessionUseCase;
import io.supportpro.application.port.in.SignInUseCase;
import io.supportpro.application.port.in.SignOutUseCase;
import io.supportpro.application.port.in.StartPromptUseCase;
import io.supportpro.application.port.in.TestPluginConnectionUseCase;
import io.supportpro.application.port.in.UninstallPluginUseCase;
import io.supportpro.application.port.in.UpdateOperatorUseCase;
import io.supportpro.application.port.in.ViewPluginSecondFactorUseCase;
import io.supportpro.application.port.in.ViewTwoFactorStatusUseCase;
import java.util.Arrays;
import java.util.Objects;

/** The in-ports the web adapter drives, grouped by the part of the panel that uses them. */
public record WebUseCases(
    SignIn signIn, Account account, Operators operators, Panel panel, Plugins plugins) {
  public WebUseCases {
    requireAll(signIn, account, operators, panel, plugins);
  }

  /**
   * Signing in with a password and a second factor, signing out, and a forgotten password's link.
   */
  public record SignIn(
      SignInUseCase password,
      ResumeSessionUseCase resumeSession,
      SignOutUseCase signOut,
      PassSecondFactorUseCase code,
      StartPromptUseCase startPrompt,
      CompletePromptUseCase completePrompt,
      RequestPasswordResetUseCase forgotPassword,
      ResetPasswordByLinkUseCase resetByLink,
      RecogniseBrowserUseCase browsers) {
    public SignIn {
      requireAll(
          password,
          resumeSession,
          signOut,
          code,
          startPrompt,
          completePrompt,
          forgotPassword,
          resetByLink,
          browsers);
    }
  }

  /**
   * An operator's own authenticator app, recovery codes, password and sessions, and the plugin that
   * may replace the app.
   */
  public record Account(
      EnrolTotpUseCase enrolTotp,
      DisableTotpUseCase disableTotp,
      RegenerateRecoveryCodesUseCase regenerateRecoveryCodes,
      ViewTwoFactorStatusUseCase twoFactorStatus,
      ChangePasswordUseCase changePassword,
      ManageSessionsUseCase sessions,
      ViewPluginSecondFactorUseCase pluginSecondFactor,
      ChooseTimeZoneUseCase timeZone,
      ChooseLanguageUseCase language) {
    public Account {
      requireAll(
          enrolTotp,
          disableTotp,
          regenerateRecoveryCodes,
          twoFactorStatus,
          changePassword,
          sessions,
          pluginSecondFactor,
          timeZone,
          language);
    }
  }

  /** The administration of operators. */
  public record Operators(
      ListOperatorsUseCase list,
      CreateOperatorUseCase create,
      UpdateOperatorUseCase update,
      DeactivateOperatorUseCase deactivate,
      ReactivateOperatorUseCase reactivate,
      ResetTwoFactorUseCase resetTwoFactor,
      ResetPasswordUseCase resetPassword,
      PreviewTwoFactorResetUseCase resetPreview,
      PreviewDeactivationUseCase deactivationPreview) {
    public Operators {
      requireAll(
          list,
          create,
          update,
          deactivate,
          reactivate,
          resetTwoFactor,
          resetPassword,
          resetPreview,
          deactivationPreview);
    }
  }

  /** The panel itself: health, panel-wide settings, throttles and the audit log. */
  public record Panel(
      CheckHealthUseCase health,
      ForceTwoFactorUseCase forceTwoFactor,
      ManageSignInThrottlesUseCase signInThrottles,
      QueryAuditLogUseCase queryAuditLog,
      RecordAuditEventUseCase recordAuditEvent,
      ExportAuditLogUseCase exportAuditLog) {
    public Panel {
      requireAll(
          health, forceTwoFactor, signInThrottles, queryAuditLog, recordAuditEvent, exportAuditLog);
    }
  }

  /** Plugins: their lifecycle, settings, connection tests and per-operator choices. */
  public record Plugins(
      ListPluginsUseCase list,
      InstallPluginUseCase install,
      ActivatePluginUseCase activate,
      DeactivatePluginUseCase deactivate,
      UninstallPluginUseCase uninstall,
      ConfigurePluginUseCase configure,
      TestPluginConnectionUseCase testConnection,
      ManagePluginOperatorsUseCase operators,
      PreviewPluginFallbackUseCase fallback) {
    public Plugins {
      requireAll(
          list,
          install,
          activate,
          deactivate,
          uninstall,
          configure,
          testConnection,
          operators,
          fallback);
    }
  }

  private static void requireAll(Object... useCases) {
    Arrays.stream(useCases).forEach(useCase -> Objects.requireNonNull(useCase, "a use case"));
  }
}
