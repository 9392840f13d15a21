package io.supportpro.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Makes sure the data directory exists and can be written before anything is stored in it. */
final class DataDirectory {
  private DataDirectory() {}

  /**
   * Creates the directory (owner-only) if needed and checks that a file can be written in it.
   *
   * @throws ConfigurationException naming {@code SUPPORTPRO_DATA_DIR} when it cannot be used
   */
  static Path prepare(Path directory) {
    try {
      if (!Files.isDirectory(directory)) {
        // The database and the secret key live here: readable by the owner only.
        Files.createDirectories(
            directory,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path probe = Files.createTempFile(directory, ".write-check", ".tmp");
      Files.delete(probe);
      return directory;
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      // UnsupportedOperationException: a file system without POSIX permissions, on which an
      // owner-only directory for the key and the database cannot be made.
      throw new ConfigurationException(
          Configuration.DATA_DIR, directory + " is not a writable directory.");
    }
  }
}
