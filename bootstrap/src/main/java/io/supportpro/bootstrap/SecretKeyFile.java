package io.supportpro.bootstrap;

import io.supportpro.adapter.out.crypto.AesGcmSecretCipher;
import io.supportpro.adapter.out.crypto.SecretKeyException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The secret key kept in {@value #NAME} in the data directory when none is configured: generated
 * once, as base64 and a newline, readable by the owner only.
 */
final class SecretKeyFile {
  /** The name of the key file in the data directory. */
  static final String NAME = "secret.key";

  private static final int MAX_BYTES = 1024;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);
  // Another process may be between creating the file and writing it (when links are unavailable).
  private static final int READ_ATTEMPTS = 50;
  private static final long READ_PAUSE_MILLIS = 20;

  private SecretKeyFile() {}

  /**
   * The key kept in {@value #NAME} in the directory, made on first use. Two processes starting at
   * once end up with the same key: the file appears complete or not at all.
   *
   * @throws SecretKeyException when the directory or file cannot be created or read, the file is
   *     damaged, or other users may read it
   */
  static byte[] readOrCreate(Path dataDirectory) {
    Path directory = Objects.requireNonNull(dataDirectory, "dataDirectory").toAbsolutePath();
    Path file = directory.resolve(NAME);
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory, ownerOnly(directory, OWNER_ONLY_DIRECTORY));
      }
      for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          Optional<byte[]> existing = read(file);
          if (existing.isPresent()) {
            return existing.get();
          }
          Thread.sleep(READ_PAUSE_MILLIS);
        } else {
          Optional<byte[]> created = create(directory, file);
          if (created.isPresent()) {
            return created.get();
          }
        }
      }
      throw damaged(file);
    } catch (IOException e) {
      throw new SecretKeyException(
          "Cannot create or read the secret key file " + file + ": " + reason(e) + ".", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SecretKeyException("Interrupted while reading the secret key file " + file + ".");
    }
  }

  /** The key in the file, or empty while another process may still be writing it. */
  private static Optional<byte[]> read(Path file) throws IOException {
    if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(permissions)) {
        throw new SecretKeyException(
            "The secret key file "
                + file
                + " may be read by other users; allow only its owner with 'chmod 600 "
                + file
                + "'.");
      }
    }
    if (Files.size(file) > MAX_BYTES) {
      throw new SecretKeyException(
          "The secret key file " + file + " is too large to be a key; restore it from a backup.");
    }
    String content = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    Optional<byte[]> key = AesGcmSecretCipher.parseKey(content);
    if (key.isEmpty() && content.endsWith("\n")) {
      // Complete (a key file is written in one piece, newline last) yet not a key.
      throw damaged(file);
    }
    return key;
  }

  private static SecretKeyException damaged(Path file) {
    return new SecretKeyException(
        "The secret key file "
            + file
            + " is empty or damaged; restore it from a backup (secrets stored with another key"
            + " cannot be read).");
  }

  /**
   * Writes a new key to a private temporary file and links it into place, which fails if the key
   * file already exists, so the key file never appears half written and two racing processes cannot
   * both win. Where links are unsupported, exclusive creation does the same job. Empty when another
   * process created the file first.
   */
  private static Optional<byte[]> create(Path directory, Path file) throws IOException {
    String encoded = AesGcmSecretCipher.newKey();
    byte[] key = Base64.getDecoder().decode(encoded);
    byte[] content = (encoded + "\n").getBytes(StandardCharsets.US_ASCII);
    Path temporary =
        Files.createTempFile(directory, ".secret.key-", ".tmp", ownerOnly(directory, OWNER_ONLY));
    try {
      write(temporary, content);
      try {
        Files.createLink(file, temporary);
        return Optional.of(key);
      } catch (FileAlreadyExistsException e) {
        return Optional.empty();
      } catch (UnsupportedOperationException | FileSystemException e) {
        // Some file systems (FAT, some network shares) have no hard links.
        return createExclusively(file, key, content);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static Optional<byte[]> createExclusively(Path file, byte[] key, byte[] content)
      throws IOException {
    try {
      Files.createFile(file, ownerOnly(file.getParent(), OWNER_ONLY));
    } catch (FileAlreadyExistsException e) {
      return Optional.empty();
    }
    write(file, content);
    return Optional.of(key);
  }

  private static void write(Path file, byte[] content) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path directory, Set<PosixFilePermission> mode) {
    boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    return posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
        : new FileAttribute<?>[0];
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
  }
}
