package io.supportpro.adapter.out.persistence;

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
  void fromKeyFile_createsTheKeyReadableByTheOwnerOnly() throws Exception {
    AesGcmSecretCipher.fromKeyFile(dataDirectory);

    Path file = dataDirectory.resolve(AesGcmSecretCipher.KEY_FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).matches("[A-Za-z0-9+/]{43}=\n");
    try (var leftovers = Files.list(dataDirectory)) {
      assertThat(leftovers).containsExactly(file);
    }
  }

  @Test
  void fromKeyFile_reusesTheKeyOnTheNextStart() {
    String encrypted = AesGcmSecretCipher.fromKeyFile(dataDirectory).encrypt("client secret");

    assertThat(AesGcmSecretCipher.fromKeyFile(dataDirectory).decrypt(encrypted))
        .isEqualTo("client secret");
  }

  @Test
  void fromKeyFile_createsAMissingDataDirectoryForTheOwnerOnly() throws Exception {
    Path nested = dataDirectory.resolve("a/b");

    AesGcmSecretCipher.fromKeyFile(nested);

    assertThat(nested.resolve(AesGcmSecretCipher.KEY_FILE_NAME)).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)))
        .isEqualTo("rwx------");
  }

  @Test
  void fromKeyFile_startsRacingForANewFileAllEndWithTheSameKey() throws Exception {
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
                    return AesGcmSecretCipher.fromKeyFile(directory).encrypt("same key?");
                  }));
        }
        start.countDown();
        AesGcmSecretCipher settled = AesGcmSecretCipher.fromKeyFile(directory);
        for (Future<String> text : encrypted) {
          assertThat(settled.decrypt(text.get())).isEqualTo("same key?");
        }
      }
    }
  }

  @Test
  void fromKeyFile_refusesAKeyFileOthersMayRead() throws Exception {
    AesGcmSecretCipher.fromKeyFile(dataDirectory);
    Path file = dataDirectory.resolve(AesGcmSecretCipher.KEY_FILE_NAME);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> AesGcmSecretCipher.fromKeyFile(dataDirectory))
        .isInstanceOf(SecretKeyException.class)
        .hasMessageContaining("may be read by other users")
        .hasMessageContaining("chmod 600");
  }

  @Test
  void fromKeyFile_refusesADamagedKeyFile() throws Exception {
    Path file = dataDirectory.resolve(AesGcmSecretCipher.KEY_FILE_NAME);
    Files.writeString(file, "not a key\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    assertThatThrownBy(() -> AesGcmSecretCipher.fromKeyFile(dataDirectory))
        .isInstanceOf(SecretKeyException.class)
        .hasMessageContaining("is empty or damaged");
  }

  @Test
  void fromKeyFile_explainsADataDirectoryThatCannotBeCreated() throws Exception {
    Path aFile = Files.writeString(dataDirectory.resolve("plain-file"), "x");

    assertThatThrownBy(() -> AesGcmSecretCipher.fromKeyFile(aFile.resolve("data")))
        .isInstanceOf(SecretKeyException.class)
        .hasMessageStartingWith("Cannot create or read the secret key file");
  }
}
