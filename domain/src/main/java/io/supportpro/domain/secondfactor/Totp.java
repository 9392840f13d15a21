package io.supportpro.domain.secondfactor;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as RFC 6238 defines them, with the parameters every authenticator
 * app supports: HMAC-SHA-1, 6 digits, 30-second steps. A code is accepted one step either side of
 * now to allow for clock drift, and never for a step at or before the last one used, so that a code
 * cannot be replayed.
 */
public final class Totp {
  /** The length of a time step in seconds. */
  public static final int STEP_SECONDS = 30;

  /** The number of digits in a code. */
  public static final int DIGITS = 6;

  /** How many steps either side of now are accepted. */
  public static final int DRIFT_STEPS = 1;

  private static final Pattern CODE = Pattern.compile("\\d{" + DIGITS + "}");

  private Totp() {}

  /** The outcome of checking a code. */
  public sealed interface Check {
    /** The code is right; {@code step} is to be stored as the last used step. */
    record Accepted(long step) implements Check {}

    /** The code is wrong, malformed or already used. */
    record Rejected(Reason reason) implements Check {}

    /** Why a code was rejected. */
    enum Reason {
      MALFORMED,
      WRONG,
      REPLAYED
    }
  }

  /** The time step an instant falls in. */
  public static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
  }

  /** The code for one time step, with leading zeros. */
  public static String code(TotpSecret secret, long step) {
    return code(secret.key(), step, DIGITS, "HmacSHA1");
  }

  /**
   * The code of RFC 6238's reference algorithm for any HMAC and number of digits; used by the tests
   * of the RFC's vectors.
   */
  static String code(byte[] key, long step, int digits, String hmac) {
    try {
      Mac mac = Mac.getInstance(hmac);
      mac.init(new SecretKeySpec(key, hmac));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ByteBuffer.wrap(hash, offset, Integer.BYTES).getInt() & 0x7fffffff;
      int modulus = (int) Math.pow(10, digits);
      return String.format("%0" + digits + "d", binary % modulus);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(hmac + " is part of every Java runtime", e);
    }
  }

  /**
   * Checks a code typed at {@code now} against the secret.
   *
   * @param lastUsedStep the step of the last accepted code, if any; it and earlier steps are
   *     refused
   */
  public static Check verify(
      TotpSecret secret, String typed, Instant now, OptionalLong lastUsedStep) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(now, "now");
    String code = typed == null ? "" : typed.replace(" ", "").strip();
    if (!CODE.matcher(code).matches()) {
      return new Check.Rejected(Check.Reason.MALFORMED);
    }
    long current = step(now);
    boolean replayed = false;
    for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
      if (MessageDigest.isEqual(
          code(secret, step).getBytes(StandardCharsets.US_ASCII),
          code.getBytes(StandardCharsets.US_ASCII))) {
        if (lastUsedStep.isPresent() && step <= lastUsedStep.getAsLong()) {
          replayed = true;
        } else {
          return new Check.Accepted(step);
        }
      }
    }
    return new Check.Rejected(replayed ? Check.Reason.REPLAYED : Check.Reason.WRONG);
  }

  /**
   * The {@code otpauth://} address that an authenticator app reads from a QR code.
   *
   * @param issuer the name the app shows above the code, such as "SupportPro"
   * @param account the account the code is for, such as the operator's username
   */
  public static String provisioningUri(TotpSecret secret, String issuer, String account) {
    String label = encode(issuer) + ":" + encode(account);
    return "otpauth://totp/"
        + label
        + "?secret="
        + secret.base32()
        + "&issuer="
        + encode(issuer)
        + "&algorithm=SHA1&digits="
        + DIGITS
        + "&period="
        + STEP_SECONDS;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
