package io.supportpro.adapter.in.web;

import java.net.URI;
import java.util.Objects;

/**
 * Where the panel listens, the address people reach it at, and the key that signs the CSRF tokens
 * of forms shown before sign-in (shared by every instance, so any of them can check a token another
 * issued).
 */
public record WebSettings(String host, int port, URI publicUrl, byte[] formSigningKey) {
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
    return "WebSettings[host=" + host + ", port=" + port + ", publicUrl=" + publicUrl + "]";
  }
}
