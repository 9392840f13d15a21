package io.supportpro.adapter.out.duo;

import io.supportpro.application.port.out.PromptMethod;
import io.supportpro.application.port.out.StepOutcome;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginSettings;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Duo's Universal Prompt as a second factor: a health check and the fail mode before the redirect,
 * the signed prompt address, and on the way back the code exchanged for Duo's verified answer,
 * which must allow the same user.
 */
final class DuoPromptMethod implements PromptMethod {
  /** Where Duo sends the browser back: the address that existing Duo applications know. */
  static final String CALLBACK_PATH = "/duo/callback";

  // Longer than any code Duo sends; what is longer is not worth a round trip.
  private static final int MAX_CODE = 1024;
  // Keys of the plugin's bundle, which words them for the operator.
  static final String UNAVAILABLE = "duo-security.step.unavailable";
  static final String RATE_LIMITED = "duo-security.step.rate-limited";
  static final String CREDENTIALS_REJECTED = "duo-security.step.credentials-rejected";
  static final String DUO_REFUSED = "duo-security.step.duo-refused";
  static final String NOT_CONFIGURED = "duo-security.step.not-configured";
  static final String DUO_ERROR = "duo-security.step.duo-error";
  static final String NOT_VERIFIED = "duo-security.step.not-verified";
  static final String DENIED = "duo-security.step.denied";
  static final String UNAVAILABLE_AT_CALLBACK = "duo-security.step.unavailable-at-callback";
  static final String CREDENTIALS_REJECTED_AT_CALLBACK =
      "duo-security.step.credentials-rejected-at-callback";
  static final String SETTINGS_CHANGED = "duo-security.step.settings-changed";

  private final DuoGateway duo;

  DuoPromptMethod(DuoGateway duo) {
    this.duo = duo;
  }

  @Override
  public String callbackPath() {
    return CALLBACK_PATH;
  }

  @Override
  public StepOutcome.Started start(
      PluginSettings saved, Operator operator, String state, URI callbackUri) {
    Optional<DuoSettings> settings = DuoSettings.from(saved);
    if (settings.isEmpty()) {
      return new StepOutcome.Refused("not_configured", NOT_CONFIGURED, "");
    }
    DuoConnection connection = DuoConnection.of(settings.get(), callbackUri);
    if (duo.healthCheck(connection) instanceof DuoGateway.Health.Unavailable down) {
      return beforeRedirect(down.failure(), down.detail(), settings.get().failMode());
    }
    String username = username(operator, settings.get());
    return switch (duo.prompt(connection, username, state)) {
      case DuoGateway.Prompt.Redirect redirect ->
          new StepOutcome.Prompt(redirect.location(), username);
      case DuoGateway.Prompt.Unavailable down ->
          beforeRedirect(down.failure(), down.detail(), settings.get().failMode());
    };
  }

  /**
   * A failure before the redirect. Open lets people in while Duo is down, never while Duo refuses
   * the saved credentials or the request, rate-limits it or answers unreadably: a wrong or rotated
   * secret must not quietly turn Duo off, and an answer that anyone could provoke must not either.
   */
  private static StepOutcome.Started beforeRedirect(
      DuoGateway.Failure failure, String detail, FailMode failMode) {
    String reason = failure.name().toLowerCase(Locale.ROOT);
    return switch (failure) {
      case UNREACHABLE, SERVICE_ERROR ->
          new StepOutcome.Unavailable(reason, UNAVAILABLE, detail, failMode == FailMode.OPEN);
      case RATE_LIMITED -> new StepOutcome.Unavailable(reason, RATE_LIMITED, detail, false);
      case INVALID_CONFIGURATION -> new StepOutcome.Refused(reason, CREDENTIALS_REJECTED, detail);
      case REQUEST_REFUSED, MALFORMED_ANSWER, INVALID_RESPONSE ->
          new StepOutcome.Refused(reason, DUO_REFUSED, detail);
    };
  }

  @Override
  public StepOutcome.Checked complete(
      PluginSettings saved, Map<String, String> answer, String username, URI callbackUri) {
    String error = answer.getOrDefault("error", "");
    if (!error.isEmpty()) {
      return new StepOutcome.Refused(
          "duo_error", DUO_ERROR, error + ": " + answer.getOrDefault("error_description", ""));
    }
    // Duo sends duo_code; the OAuth name is accepted too.
    String code = answer.getOrDefault("duo_code", answer.getOrDefault("code", ""));
    if (code.isEmpty() || code.length() > MAX_CODE) {
      return new StepOutcome.Refused("invalid_response", NOT_VERIFIED, "no usable code");
    }
    Optional<DuoSettings> settings = DuoSettings.from(saved);
    if (settings.isEmpty()) {
      return new StepOutcome.Refused("settings_changed", SETTINGS_CHANGED, "not configured");
    }
    return switch (duo.exchange(DuoConnection.of(settings.get(), callbackUri), code, username)) {
      case DuoGateway.Result.Unverified unverified -> {
        String detail = unverified.failure() + " " + unverified.detail();
        yield switch (unverified.failure()) {
          case UNREACHABLE, SERVICE_ERROR, RATE_LIMITED ->
              new StepOutcome.Unavailable(
                  "duo_unavailable", UNAVAILABLE_AT_CALLBACK, detail, false);
          case INVALID_CONFIGURATION ->
              new StepOutcome.Refused(
                  "credentials_rejected", CREDENTIALS_REJECTED_AT_CALLBACK, detail);
          case REQUEST_REFUSED, MALFORMED_ANSWER, INVALID_RESPONSE ->
              new StepOutcome.Refused("invalid_response", NOT_VERIFIED, detail);
        };
      }
      case DuoGateway.Result.Verified verified -> {
        if (!verified.allowed()) {
          yield new StepOutcome.Refused("denied", DENIED, verified.statusMessage());
        }
        if (!verified.username().equals(username)) {
          yield new StepOutcome.Refused(
              "wrong_user", NOT_VERIFIED, "duo answered for " + verified.username());
        }
        yield new StepOutcome.Passed(
            Map.of(
                "second_factor", "duo",
                "duo_transaction", verified.transactionId(),
                "duo_factor", verified.factor()));
      }
    };
  }

  private static String username(Operator operator, DuoSettings settings) {
    String name =
        switch (settings.usernameSource()) {
          case USERNAME -> operator.username().value();
          case EMAIL -> operator.email().value();
        };
    return name.toLowerCase(Locale.ROOT);
  }
}
