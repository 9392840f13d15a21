package io.supportpro.application.port.in;

import java.util.Objects;

/**
 * What an operator needs to add the panel to an authenticator app: the secret as text and the
 * {@code otpauth://} address for the QR code.
 */
public record TotpSetup(String secret, String provisioningUri) {
  public TotpSetup {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(provisioningUri, "provisioningUri");
  }

  @Override
  public String toString() {
    return "TotpSetup[redacted]";
  }
}
