package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.adapter.out.crypto.AesGcmSecretCipher;
import io.supportpro.adapter.out.crypto.SecretKeyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file in the data directory. */
class SecretKeyFileIT {
  @TempDir Path dataDirectory;

  @Test
  void readOrCreate_createsTheKeyReadableByTheOwnerOnly() throws Exception {
    SecretKeyFile.readOrCreate(dataDirectory);

    Path file = dataDirectory.resolve(SecretKeyFile.NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).matches("[A-Za-z0-9+/]{43}=\n");
    try (var leftovers = Files.list(dataDirectory)) {
      assertThat(leftovers).containsExactly(file);
    }
  }

  @Test
  void readOrCreate_reusesTheKeyOnTheNextStart() {
    String encrypted = cipherFromKeyFile(dataDirectory).encrypt("client secret");

    assertThat(cipherFromKeyFile(dataDirectory).decrypt(encrypted)).isEqualTo("client secret");
  }

  @Test
  void readOrCreate_createsAMissingDataDirectoryForTheOwnerOnly() throws Exception {
    Path nested = dataDirectory.resolve("a/b");

    SecretKeyFile.readOrCreate(nested);

    assertThat(nested.resolve(SecretKeyFile.NAME)).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)))
        .isEqualTo("rwx------");
  }

  @Test
  void readOrCreate_startsRacingForANewFileAllEndWithTheSameKey() throws Exception {
    for (int round = 0; round < 20; round++) {
      Path directory = dataDirectory.resolve("round-" + round);
      Files.createDirectory(directory);
      var start = new CountDownLatch(1);
      List<Future<String>> encrypted = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
        for (int i = 0; i < 6; i++) {
          encrypted.add(
              pool.submit(
                  () -> {
                    start.await();
                    return cipherFromKeyFile(directory).encrypt("same key?");
                  }));
        }
        start.countDown();
        AesGcmSecretCipher settled = cipherFromKeyFile(directory);
        for (Future<String> text : encrypted) {
          assertThat(settled.decrypt(text.get())).isEqualTo("same key?");
        }
      }
    }
  }

  @Test
  void readOrCreate_refusesAKeyFileOthersMayRead() throws Exception {
    SecretKeyFile.readOrCreate(dataDirectory);
    Path file = dataDirectory.resolve(SecretKeyFile.NAME);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> SecretKeyFile.readOrCreate(dataDirectory))
        .isInstanceOf(SecretKeyException.class)
        .hasMessageContaining("may be read by other users")
        .hasMessageContaining("chmod 600");
  }

  @Test
  void readOrCreate_refusesADamagedKeyFile() throws Exception {
    Path file = dataDirectory.resolve(SecretKeyFile.NAME);
    Files.writeString(file, "not a key\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    assertThatThrownBy(() -> SecretKeyFile.readOrCreate(dataDirectory))
        .isInstanceOf(SecretKeyException.class)
        .hasMessageContaining("is empty or damaged");
  }

  @Test
  void readOrCreate_explainsADataDirectoryThatCannotBeCreated() throws Exception {
    Path aFile = Files.writeString(dataDirectory.resolve("plain-file"), "x");

    assertThatThrownBy(() -> SecretKeyFile.readOrCreate(aFile.resolve("data")))
        .isInstanceOf(SecretKeyException.class)
        .hasMessageStartingWith("Cannot create or read the secret key file");
  }

  private static AesGcmSecretCipher cipherFromKeyFile(Path dataDirectory) {
    return new AesGcmSecretCipher(SecretKeyFile.readOrCreate(dataDirectory));
  }
}
