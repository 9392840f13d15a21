package io.supportpro.bootstrap.benchmark;

import io.supportpro.adapter.out.duo.emulator.DuoEmulator;
import io.supportpro.adapter.out.duo.emulator.EmulatorOptions;
import io.supportpro.adapter.out.duo.emulator.TrustStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Duo emulator in a process of its own, so that the benchmark can tell the CPU it uses from the
 * server's: it writes the merged trust store the server must use to the path given, prints one line
 * that {@link EmulatorLine} reads (its credentials, addresses, pin and the trust store's system
 * properties), and runs until its standard input closes.
 */
public final class DuoEmulatorProcess {
  private DuoEmulatorProcess() {}

  /** {@code args}: where to write the trust store. */
  public static void main(String[] args) throws IOException {
    try (DuoEmulator emulator = DuoEmulator.start(EmulatorOptions.defaults())) {
      TrustStore trustStore = emulator.writeMergedTrustStore(Path.of(args[0]));
      List<String> fields =
          new ArrayList<>(
              List.of(
                  emulator.clientId(),
                  emulator.clientSecret(),
                  emulator.apiHost(),
                  Integer.toString(emulator.proxyPort()),
                  emulator.promptBase().toString(),
                  emulator.caCertificatePin()));
      trustStore.systemProperties().forEach((name, value) -> fields.add(name + "=" + value));
      System.out.println(String.join("\t", fields));
      System.out.flush();
      // The parent holds the pipe open for as long as it needs the emulator.
      System.in.transferTo(OutputStream.nullOutputStream());
    }
  }

  /** What the parent needs to know of the running emulator, from the line it printed. */
  record EmulatorLine(
      String clientId,
      String clientSecret,
      String apiHost,
      int proxyPort,
      String promptBase,
      String caPin,
      Map<String, String> trustStore) {
    static EmulatorLine parse(String line) {
      String[] fields = line.split("\t");
      Map<String, String> trustStore = new TreeMap<>();
      for (int i = 6; i < fields.length; i++) {
        String[] property = fields[i].split("=", 2);
        trustStore.put(property[0], property[1]);
      }
      return new EmulatorLine(
          fields[0],
          fields[1],
          fields[2],
          Integer.parseInt(fields[3]),
          fields[4],
          fields[5],
          trustStore);
    }
  }
}
