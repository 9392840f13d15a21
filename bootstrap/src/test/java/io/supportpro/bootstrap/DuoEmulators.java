package io.supportpro.bootstrap;

import io.supportpro.adapter.out.duo.DuoHosts;
import io.supportpro.adapter.out.duo.DuoSdkGateway;
import io.supportpro.adapter.out.duo.emulator.DuoEmulator;
import io.supportpro.adapter.out.duo.emulator.EmulatorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One Duo emulator for the whole test JVM, trusted by the JVM's TLS (the JDK's roots plus the
 * emulator's test CA), with a gateway through the real SDK that sends browsers to the emulator's
 * plain-HTTP prompt.
 */
final class DuoEmulators {
  private static DuoEmulator shared;

  private DuoEmulators() {}

  /** The shared emulator, started on first use. */
  static synchronized DuoEmulator shared() {
    if (shared == null) {
      try {
        shared = DuoEmulator.start(EmulatorOptions.defaults().withSlowDelay(Duration.ofSeconds(4)));
        Path store = Files.createTempDirectory("supportpro-duo-trust").resolve("trust.p12");
        shared.writeMergedTrustStore(store).install();
        Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        // Load OkHttp and TLS once with a patient client, so that the first health check of a
        // test measures Duo and not the JVM's warm-up against the short timeout below.
        new DuoSdkGateway(Duration.ofSeconds(30), Optional.empty(), shared.hosts())
            .healthCheck(shared.connection(URI.create("http://127.0.0.1/duo/callback")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /**
   * The real SDK gateway for the shared emulator, with a short timeout for the outage tests,
   * allowing the hosts given (those of the emulator among them).
   */
  static DuoSdkGateway gateway(DuoHosts hosts) {
    return new DuoSdkGateway(Duration.ofSeconds(2), Optional.of(shared().promptBase()), hosts);
  }
}
