package io.supportpro.application.port.out;

import java.util.Objects;

/** The out-ports that keep the application's data, as one store adapter provides them together. */
public record Stores(
    OperatorRepository operators,
    PluginRepository plugins,
    AuditLog auditLog,
    SessionStore sessions,
    FailedAttempts failedAttempts,
    TotpCredentials totpCredentials,
    PanelSettings panelSettings,
    PendingSignIns pendingSignIns,
    PasswordResetLinks passwordResetLinks,
    HealthProbe healthProbe,
    KnownBrowsers knownBrowsers,
    UnitOfWork unitOfWork) {
  public Stores {
    Objects.requireNonNull(operators, "operators");
    Objects.requireNonNull(plugins, "plugins");
    Objects.requireNonNull(auditLog, "auditLog");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(failedAttempts, "failedAttempts");
    Objects.requireNonNull(totpCredentials, "totpCredentials");
    Objects.requireNonNull(panelSettings, "panelSettings");
    Objects.requireNonNull(pendingSignIns, "pendingSignIns");
    Objects.requireNonNull(passwordResetLinks, "passwordResetLinks");
    Objects.requireNonNull(healthProbe, "healthProbe");
    Objects.requireNonNull(knownBrowsers, "knownBrowsers");
    Objects.requireNonNull(unitOfWork, "unitOfWork");
  }
}
