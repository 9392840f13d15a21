package io.supportpro.adapter.in.web;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Where the panel listens, the address people reach it at, the key that signs the CSRF tokens of
 * forms shown before sign-in (shared by every instance, so any of them can check a token another
 * issued), the reverse proxies whose {@code X-Forwarded-For} header names the client, and whether
 * the panel sends e-mail (the account pages say when it does not).
 */
public record WebSettings(
    String host,
    int port,
    URI publicUrl,
    byte[] formSigningKey,
    List<InetAddress> trustedProxies,
    boolean sendsEmail) {
  /**
   * Settings for a panel that browsers reach directly, with no proxy in front of it, and that sends
   * no e-mail.
   */
  public WebSettings(String host, int port, URI publicUrl, byte[] formSigningKey) {
    this(host, port, publicUrl, formSigningKey, List.of(), false);
  }

  public WebSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(publicUrl, "publicUrl");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("A port is between 0 and 65535.");
    }
    if (Objects.requireNonNull(formSigningKey, "formSigningKey").length < 32) {
      throw new IllegalArgumentException("The form signing key has at least 256 bits.");
    }
    formSigningKey = formSigningKey.clone();
    trustedProxies = List.copyOf(trustedProxies);
  }

  /** True when browsers reach the panel over https, so cookies must be marked Secure. */
  public boolean secure() {
    return "https".equalsIgnoreCase(publicUrl.getScheme());
  }

  @Override
  public byte[] formSigningKey() {
    return formSigningKey.clone();
  }

  @Override
  public String toString() {
    return "WebSettings[host=%s, port=%d, publicUrl=%s, trustedProxies=%s, sendsEmail=%s]"
        .formatted(host, port, publicUrl, trustedProxies, sendsEmail);
  }
}
