package io.supportpro.adapter.out.duo.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The emulator's TLS material: the server key and certificate for {@code api-emulator.duo.test},
 * {@code localhost} and {@code 127.0.0.1}, issued by a test CA, all read from {@code server.p12}
 * next to this class (see the README there).
 */
final class EmulatorTls {
  static final String PASSWORD = "changeit";
  static final String CA_ALIAS = "ca";
  static final String SERVER_ALIAS = "server";
  static final String TRUSTED_ALIAS = "duo-emulator-ca";

  private final KeyStore serverStore;
  private final X509Certificate caCertificate;

  private EmulatorTls(KeyStore serverStore, X509Certificate caCertificate) {
    this.serverStore = serverStore;
    this.caCertificate = caCertificate;
  }

  static EmulatorTls load() {
    try (InputStream in = EmulatorTls.class.getResourceAsStream("server.p12")) {
      if (in == null) {
        throw new IllegalStateException("server.p12 is missing from the emulator's resources");
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      if (!(store.getCertificate(CA_ALIAS) instanceof X509Certificate ca)) {
        throw new IllegalStateException("server.p12 holds no CA certificate");
      }
      return new EmulatorTls(store, ca);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("server.p12 cannot be read", e);
    }
  }

  /** A TLS context that presents the server certificate and its chain. */
  SSLContext serverContext() {
    try {
      var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(serverStore, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the emulator's TLS context cannot be made", e);
    }
  }

  /** A TLS context that trusts only the emulator's CA, for a test's own browser. */
  SSLContext clientContext() {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry(TRUSTED_ALIAS, caCertificate);
      var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("a TLS context trusting the emulator cannot be made", e);
    }
  }

  X509Certificate caCertificate() {
    return caCertificate;
  }

  /** The CA's pin as OkHttp writes it: {@code sha256/} and the base64 SHA-256 of its SPKI. */
  String caPin() {
    return pin(caCertificate);
  }

  static String pin(X509Certificate certificate) {
    try {
      byte[] spki = certificate.getPublicKey().getEncoded();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(spki);
      return "sha256/" + Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * Writes the JVM's current trust store (the one {@code javax.net.ssl.trustStore} names, else the
   * JDK's {@code cacerts}) plus the emulator's CA to {@code file}, so that other TLS in the JVM
   * keeps working once the result is installed.
   */
  TrustStore writeMergedTrustStore(Path file) throws IOException {
    try {
      KeyStore merged = currentTrustStore();
      merged.setCertificateEntry(TRUSTED_ALIAS, caCertificate);
      KeyStore out = KeyStore.getInstance("PKCS12");
      out.load(null, null);
      for (var aliases = merged.aliases(); aliases.hasMoreElements(); ) {
        String alias = aliases.nextElement();
        if (merged.isCertificateEntry(alias)) {
          out.setCertificateEntry(alias, merged.getCertificate(alias));
        }
      }
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Path temporary = Files.createTempFile(parent, "truststore", ".tmp");
      try (OutputStream stream = Files.newOutputStream(temporary)) {
        out.store(stream, PASSWORD.toCharArray());
      }
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new TrustStore(file.toAbsolutePath(), PASSWORD, "PKCS12");
    } catch (GeneralSecurityException e) {
      throw new IOException("the trust store cannot be written: " + e.getMessage(), e);
    }
  }

  private static KeyStore currentTrustStore() throws IOException, GeneralSecurityException {
    String configured = System.getProperty("javax.net.ssl.trustStore");
    Path path =
        configured != null && !configured.isBlank() && !"NONE".equals(configured)
            ? Path.of(configured)
            : Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    String password = System.getProperty("javax.net.ssl.trustStorePassword", PASSWORD);
    String type = System.getProperty("javax.net.ssl.trustStoreType");
    if (type == null || type.isBlank()) {
      // The JDK's cacerts is PKCS12 or JKS depending on the build; let the JDK detect it.
      return KeyStore.getInstance(path.toFile(), password.toCharArray());
    }
    KeyStore store = KeyStore.getInstance(type);
    try (InputStream in = Files.newInputStream(path)) {
      store.load(in, password.toCharArray());
    }
    return store;
  }
}
