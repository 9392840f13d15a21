package io.supportpro.adapter.out.crypto;

import io.supportpro.application.port.out.SecretCipher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
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
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets with AES-256-GCM under one key, as {@code v1:} followed by the base64url form of
 * a fresh 12-byte nonce, the ciphertext and the 16-byte tag. The key is either configured (base64
 * of 32 bytes) or generated once into {@value #KEY_FILE_NAME} in the data directory, readable by
 * the owner only.
 */
public final class AesGcmSecretCipher implements SecretCipher {
  /** The name of the key file in the data directory. */
  public static final String KEY_FILE_NAME = "secret.key";

  private static final String VERSION = "v1:";
  private static final byte[] ASSOCIATED_DATA = VERSION.getBytes(StandardCharsets.US_ASCII);
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int MAX_KEY_FILE_BYTES = 1024;
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

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  private AesGcmSecretCipher(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /**
   * A cipher with the configured key.
   *
   * @throws SecretKeyException when the text is not the base64 form of 32 bytes
   */
  public static AesGcmSecretCipher fromConfiguredKey(String base64Key) {
    return parseKey(Objects.requireNonNull(base64Key, "base64Key"))
        .map(AesGcmSecretCipher::new)
        .orElseThrow(
            () ->
                new SecretKeyException(
                    "The configured secret key is not valid: it must be 32 random bytes in base64,"
                        + " such as the output of 'openssl rand -base64 32'."));
  }

  /**
   * A cipher with the key kept in {@value #KEY_FILE_NAME} in the directory, made on first use. Two
   * processes starting at once end up with the same key: the file appears complete or not at all.
   *
   * @throws SecretKeyException when the directory or file cannot be created or read, the file is
   *     damaged, or other users may read it
   */
  public static AesGcmSecretCipher fromKeyFile(Path dataDirectory) {
    Path directory = Objects.requireNonNull(dataDirectory, "dataDirectory").toAbsolutePath();
    Path file = directory.resolve(KEY_FILE_NAME);
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory, ownerOnly(directory, OWNER_ONLY_DIRECTORY));
      }
      for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          Optional<byte[]> existing = readKeyFile(file);
          if (existing.isPresent()) {
            return new AesGcmSecretCipher(existing.get());
          }
          Thread.sleep(READ_PAUSE_MILLIS);
        } else {
          Optional<byte[]> created = createKeyFile(directory, file);
          if (created.isPresent()) {
            return new AesGcmSecretCipher(created.get());
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

  /** A new random key in the base64 form {@link #fromConfiguredKey} accepts. */
  public static String newKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /**
   * A 256-bit key for another purpose (such as signing forms), derived from this cipher's key with
   * HMAC-SHA256 over the purpose's name, so that every instance sharing the key derives the same
   * one and the encryption key itself is never used for anything else.
   */
  public byte[] deriveKey(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      return mac.doFinal(("supportpro:" + purpose).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  @Override
  public String encrypt(String plaintext) {
    byte[] plain = utf8(Objects.requireNonNull(plaintext, "plaintext"));
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(ASSOCIATED_DATA);
      byte[] sealed = cipher.doFinal(plain);
      byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this Java runtime.", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  @Override
  public String decrypt(String ciphertext) {
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (!ciphertext.startsWith(VERSION)) {
      throw new UndecryptableSecretException("The stored secret is not in a form this key reads.");
    }
    byte[] sealed;
    try {
      sealed = Base64.getUrlDecoder().decode(ciphertext.substring(VERSION.length()));
    } catch (IllegalArgumentException e) {
      throw new UndecryptableSecretException("The stored secret is not valid base64url.");
    }
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new UndecryptableSecretException("The stored secret is too short to be genuine.");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(ASSOCIATED_DATA);
      byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
      String text = new String(plain, StandardCharsets.UTF_8);
      Arrays.fill(plain, (byte) 0);
      return text;
    } catch (AEADBadTagException e) {
      throw new UndecryptableSecretException(
          "The stored secret was altered or encrypted with another key.");
    } catch (GeneralSecurityException e) {
      throw new UndecryptableSecretException("The stored secret cannot be decrypted.");
    }
  }

  private static byte[] utf8(String text) {
    try {
      ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      // A lone surrogate would come back as '?', so the secret would not survive the round trip.
      throw new IllegalArgumentException("A secret cannot hold unpaired surrogate characters.");
    }
  }

  /** The key from its base64 (or base64url) form, if that is 32 bytes. */
  private static Optional<byte[]> parseKey(String text) {
    String stripped = text.strip();
    for (Base64.Decoder decoder :
        new Base64.Decoder[] {Base64.getDecoder(), Base64.getUrlDecoder()}) {
      try {
        byte[] key = decoder.decode(stripped);
        if (key.length == KEY_BYTES) {
          return Optional.of(key);
        }
      } catch (IllegalArgumentException e) {
        // Try the other alphabet.
      }
    }
    return Optional.empty();
  }

  /** The key in the file, or empty while another process may still be writing it. */
  private static Optional<byte[]> readKeyFile(Path file) throws IOException {
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
    if (Files.size(file) > MAX_KEY_FILE_BYTES) {
      throw new SecretKeyException(
          "The secret key file " + file + " is too large to be a key; restore it from a backup.");
    }
    String content = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    Optional<byte[]> key = parseKey(content);
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
  private static Optional<byte[]> createKeyFile(Path directory, Path file) throws IOException {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    byte[] content =
        (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
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
