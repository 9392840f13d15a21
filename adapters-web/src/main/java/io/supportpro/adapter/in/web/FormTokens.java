package io.supportpro.adapter.in.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens for forms shown before sign-in, when there is no session to hold one: a signed double
 * submit. The browser holds a random value in a cookie, and the form carries its HMAC under a key
 * every instance shares, so any instance can check a form that another one served, and a site that
 * cannot read the cookie cannot forge the field.
 */
final class FormTokens {
  private static final String HMAC = "HmacSHA256";
  private static final Pattern COOKIE_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final SecretKeySpec key;

  FormTokens(byte[] signingKey) {
    this.key = new SecretKeySpec(signingKey, HMAC);
  }

  /** True when the text can be a cookie value this class issued. */
  static boolean wellFormed(String cookieValue) {
    return cookieValue != null && COOKIE_SHAPE.matcher(cookieValue).matches();
  }

  /** The field value that goes with the cookie value. */
  String sign(String cookieValue) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(cookieValue.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
    }
  }

  /** True when the form field is the signature of the cookie value. */
  boolean valid(String cookieValue, String field) {
    if (!wellFormed(cookieValue) || field == null) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(cookieValue).getBytes(StandardCharsets.US_ASCII),
        field.getBytes(StandardCharsets.UTF_8));
  }
}
