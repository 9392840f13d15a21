package io.supportpro.bootstrap;

import io.supportpro.adapter.out.crypto.AesGcmSecretCipher;
import java.nio.file.Path;

/**
 * A second JVM for tests that need another process: it prints a secret encrypted with the key file
 * of the data directory it is given.
 */
final class ChildProcess {
  private ChildProcess() {}

  public static void main(String[] args) {
    byte[] key = SecretKeyFile.readOrCreate(Path.of(args[0]));
    System.out.println(new AesGcmSecretCipher(key).encrypt(args[1]));
  }
}
