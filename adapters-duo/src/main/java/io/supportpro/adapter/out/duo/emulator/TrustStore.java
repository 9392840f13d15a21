package io.supportpro.adapter.out.duo.emulator;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A PKCS12 trust store on disk (the JDK's roots plus the emulator's CA), and the {@code
 * javax.net.ssl.trustStore*} system properties that make a JVM use it.
 */
public record TrustStore(Path path, String password, String type) {
  public TrustStore {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(type, "type");
  }

  /** The system properties, e.g. for a forked JVM's command line. */
  public Map<String, String> systemProperties() {
    return Map.of(
        "javax.net.ssl.trustStore", path.toAbsolutePath().toString(),
        "javax.net.ssl.trustStorePassword", password,
        "javax.net.ssl.trustStoreType", type);
  }

  /**
   * Makes this JVM's default trust managers use the store. Call it before the first Duo client is
   * built: the SDK reads the trust store once per client, so a client built earlier keeps
   * distrusting the emulator.
   */
  public void install() {
    systemProperties().forEach(System::setProperty);
  }
}
