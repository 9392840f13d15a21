package io.supportpro.adapter.in.web;

import java.net.URI;
import java.util.Objects;

/** Where the panel listens and the address people reach it at. */
public record WebSettings(String host, int port, URI publicUrl) {
  public WebSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(publicUrl, "publicUrl");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("A port is between 0 and 65535.");
    }
  }

  /** True when browsers reach the panel over https, so cookies must be marked Secure. */
  public boolean secure() {
    return "https".equalsIgnoreCase(publicUrl.getScheme());
  }
}
