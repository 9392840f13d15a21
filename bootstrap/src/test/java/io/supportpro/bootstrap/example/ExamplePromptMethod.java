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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The example prompt as a second factor: the browser is sent to the prompt's address with the
 * state, the operator's name and the panel's callback address, and comes back with a code the
 * prompt signed for that name moments ago, which passes once, or with an error.
 */
final class ExamplePromptMethod implements PromptMethod {
  /** How long a code the prompt signed is accepted. */
  static final Duration CODE_LIFETIME = Duration.ofMinutes(5);

  // Keys of the plugin's bundle.
  static final String DENIED = "example-prompt.step.denied";
  static final String NOT_VERIFIED = "example-prompt.step.not-verified";
  static final String NOT_CONFIGURED = "example-prompt.step.not-configured";

  private static final String HMAC = "HmacSHA256";
  // When it was signed, a nonce that makes each code unique, and the signature.
  private static final Pattern CODE =
      Pattern.compile("(\\d{1,12})\\.([A-Za-z0-9_-]{16})\\.([A-Za-z0-9_-]{43})");
  private static final SecureRandom RANDOM = new SecureRandom();

  // The codes that passed, until they expire: each passes once. A provider that redeems its codes
  // itself, as Duo's token endpoint does, makes that hold across instances; this memory is one
  // process's.
  private final Map<String, Instant> passed = new ConcurrentHashMap<>();

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
    Instant now = Instant.now();
    passed.values().removeIf(issued -> !issued.plus(CODE_LIFETIME).isAfter(now));
    String code = answer.getOrDefault("code", "");
    Optional<Instant> issued = issued(secret.get(), subject, code, now);
    if (issued.isEmpty()) {
      return new StepOutcome.Refused("invalid_code", NOT_VERIFIED, "the code does not verify");
    }
    if (passed.putIfAbsent(code, issued.get()) != null) {
      return new StepOutcome.Refused("replayed", NOT_VERIFIED, "the code passed before");
    }
    return new StepOutcome.Passed(Map.of("second_factor", ExamplePromptPlugin.ID.value()));
  }

  /** A new code for the subject, signed at {@code issued}, as the prompt gives it. */
  static String code(String secret, String subject, Instant issued) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    String unique = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    long seconds = issued.getEpochSecond();
    return seconds + "." + unique + "." + signature(secret, subject, seconds, unique);
  }

  /** When the code was signed, if it is a fresh code signed with the secret for the subject. */
  private static Optional<Instant> issued(String secret, String subject, String code, Instant now) {
    Matcher parts = CODE.matcher(code);
    if (!parts.matches()) {
      return Optional.empty();
    }
    long seconds = Long.parseLong(parts.group(1));
    Instant issued = Instant.ofEpochSecond(seconds);
    boolean fresh = !issued.isAfter(now.plusSeconds(60)) && issued.plus(CODE_LIFETIME).isAfter(now);
    boolean signed =
        MessageDigest.isEqual(
            signature(secret, subject, seconds, parts.group(2)).getBytes(StandardCharsets.US_ASCII),
            parts.group(3).getBytes(StandardCharsets.US_ASCII));
    return fresh && signed ? Optional.of(issued) : Optional.empty();
  }

  private static String signature(String secret, String subject, long seconds, String nonce) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
      byte[] signed =
          mac.doFinal((subject + "\n" + seconds + "\n" + nonce).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(HMAC + " is part of every Java runtime", e);
    }
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
