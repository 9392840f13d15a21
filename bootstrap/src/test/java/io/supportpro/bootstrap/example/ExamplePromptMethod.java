package io.supportpro.bootstrap.example;

import io.supportpro.application.port.out.PromptMethod;
import io.supportpro.application.port.out.StepOutcome;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.SettingValue;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The example prompt as a second factor: the browser is sent to the prompt's address with the
 * state, the operator's name and the panel's callback address, and comes back with a code the
 * prompt signed for that name moments ago, or with an error.
 */
final class ExamplePromptMethod implements PromptMethod {
  /** How long a code the prompt signed is accepted. */
  static final Duration CODE_LIFETIME = Duration.ofMinutes(5);

  static final String DENIED = "The example prompt denied this sign-in.";
  static final String NOT_VERIFIED =
      "The example prompt's answer could not be verified, so your sign-in was not completed.";
  static final String NOT_CONFIGURED =
      "The example prompt is not set up completely, so you cannot sign in. Ask an administrator.";

  private static final String HMAC = "HmacSHA256";

  @Override
  public StepOutcome.Started start(
      PluginSettings settings, Operator operator, String state, URI callbackUri) {
    Optional<String> address =
        settings.get(ExamplePromptPlugin.PROMPT_ADDRESS).map(SettingValue::value);
    if (address.isEmpty()) {
      return new StepOutcome.Refused("not_configured", NOT_CONFIGURED, "no prompt address");
    }
    String subject = operator.username().value();
    URI location =
        URI.create(
            address.get()
                + "?state="
                + encoded(state)
                + "&subject="
                + encoded(subject)
                + "&redirect_uri="
                + encoded(callbackUri.toString()));
    return new StepOutcome.Prompt(location, subject);
  }

  @Override
  public StepOutcome.Checked complete(
      PluginSettings settings, Map<String, String> answer, String subject, URI callbackUri) {
    String error = answer.getOrDefault("error", "");
    if (!error.isEmpty()) {
      return new StepOutcome.Refused("denied", DENIED, error);
    }
    Optional<String> secret =
        settings.get(ExamplePromptPlugin.SHARED_SECRET).map(SettingValue::value);
    if (secret.isEmpty()) {
      return new StepOutcome.Refused("not_configured", NOT_CONFIGURED, "no shared secret");
    }
    return verified(secret.get(), subject, answer.getOrDefault("code", ""), Instant.now())
        ? new StepOutcome.Passed(Map.of("second_factor", ExamplePromptPlugin.ID.value()))
        : new StepOutcome.Refused("invalid_code", NOT_VERIFIED, "the code does not verify");
  }

  /** The code the prompt gives for the subject at {@code issued}: the time and its signature. */
  static String code(String secret, String subject, Instant issued) {
    long seconds = issued.getEpochSecond();
    return seconds + "." + signature(secret, subject, seconds);
  }

  private static boolean verified(String secret, String subject, String code, Instant now) {
    int dot = code.indexOf('.');
    if (dot < 1 || !code.substring(0, dot).matches("\\d{1,12}")) {
      return false;
    }
    long seconds = Long.parseLong(code.substring(0, dot));
    Instant issued = Instant.ofEpochSecond(seconds);
    boolean fresh = !issued.isAfter(now.plusSeconds(60)) && issued.plus(CODE_LIFETIME).isAfter(now);
    return fresh
        && MessageDigest.isEqual(
            signature(secret, subject, seconds).getBytes(StandardCharsets.US_ASCII),
            code.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
  }

  private static String signature(String secret, String subject, long seconds) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
      byte[] signed = mac.doFinal((subject + "\n" + seconds).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(HMAC + " is part of every Java runtime", e);
    }
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
