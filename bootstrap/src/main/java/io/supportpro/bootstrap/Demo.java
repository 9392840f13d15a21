package io.supportpro.bootstrap;

import io.supportpro.adapter.out.duo.DuoSdkGateway;
import io.supportpro.adapter.out.duo.emulator.DuoEmulator;
import io.supportpro.adapter.out.duo.emulator.EmulatorOptions;
import io.supportpro.application.port.in.CreateOperatorCommand;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.session.SessionToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A throw-away panel for a first look: a fresh embedded database in a temporary directory, a seeded
 * administrator, and the Duo Security plugin set up against a local Duo emulator, bound to
 * 127.0.0.1 only. Everything is deleted when the process ends.
 */
final class Demo implements AutoCloseable {
  static final String USERNAME = "admin";

  private final Path directory;
  private final DuoEmulator emulator;
  private final Application application;
  private final String password;

  private Demo(Path directory, DuoEmulator emulator, Application application, String password) {
    this.directory = directory;
    this.emulator = emulator;
    this.application = application;
    this.password = password;
  }

  /** Starts the emulator and the panel on {@code port} (0 for any free one) and seeds them. */
  static Demo start(int requestedPort) throws IOException {
    // Duo sends the browser back to the public address, which must name the real port.
    int port = requestedPort == 0 ? freePort() : requestedPort;
    Path directory = Files.createTempDirectory("supportpro-demo-");
    DuoEmulator emulator = DuoEmulator.start(EmulatorOptions.defaults());
    try {
      // The SDK reads the trust store when it builds its client, which happens after this.
      emulator.writeMergedTrustStore(directory.resolve("duo-truststore.p12")).install();
      var config =
          new Configuration(
              "127.0.0.1",
              port,
              URI.create("http://127.0.0.1:" + port),
              directory,
              new Configuration.Database.Embedded(),
              Optional.empty(),
              List.of(),
              Optional.empty(),
              Configuration.DEFAULT_AUDIT_RETENTION,
              // The emulator is not at one of Duo's hosts, so the demo lists it.
              emulator.hosts(),
              Optional.empty());
      var gateway =
          new DuoSdkGateway(
              DuoSdkGateway.DEFAULT_TIMEOUT,
              Optional.of(emulator.promptBase()),
              config.duoAllowedHosts());
      Application application = Application.start(config, gateway);
      String password = SessionToken.randomText().substring(0, 20);
      try {
        seed(application.services(), emulator, password);
      } catch (RuntimeException e) {
        // Stopped before its directory goes: the database is open in it.
        application.close();
        throw e;
      }
      return new Demo(directory, emulator, application, password);
    } catch (IOException | RuntimeException e) {
      emulator.close();
      delete(directory);
      throw e;
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void seed(Services services, DuoEmulator emulator, String password) {
    DuoEmulatorSetup.enableForNewOperator(
        services,
        new CreateOperatorCommand(
            Actor.system("demo"),
            USERNAME,
            "admin@example.com",
            "Demo Administrator",
            "administrator",
            new Password(password)),
        DuoEmulatorSetup.emulatorSettings(emulator));
    emulator.allow(USERNAME);
  }

  /** The port the panel listens on. */
  int port() {
    return application.port();
  }

  /** Prints the banner with the address and the administrator's password, shown only here. */
  void announce(PrintWriter out) {
    String line = "=".repeat(76);
    out.println(line);
    out.println("  SUPPORTPRO DEMO - NOT FOR PRODUCTION USE");
    out.println("  A throw-away database in " + directory + ",");
    out.println("  deleted when you stop this process (Ctrl+C).");
    out.println("  Duo is a local emulator, not Duo Security: nothing leaves this machine.");
    out.println();
    out.println("  Open      http://127.0.0.1:" + port() + "/login");
    out.println("  Username  " + USERNAME);
    out.println("  Password  " + password + "   (shown only now)");
    out.println();
    out.println("  After the password you see the emulator's Duo prompt: Approve signs you in,");
    out.println("  Deny refuses the sign-in. Once in, see Plugins (Duo's settings and operators),");
    out.println("  Operators and the Audit log in the top navigation.");
    out.println(line);
    out.flush();
  }

  @Override
  public void close() {
    try {
      application.close();
    } finally {
      emulator.close();
      delete(directory);
    }
  }

  private static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete the demo directory " + directory, e);
    }
  }
}
