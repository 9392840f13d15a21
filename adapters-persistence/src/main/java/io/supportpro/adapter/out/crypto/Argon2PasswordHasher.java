package io.supportpro.adapter.out.crypto;

import io.supportpro.application.port.out.PasswordHasher;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes passwords with Argon2id and stores each hash as a PHC string, {@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, so that its parameters travel with it.
 *
 * <p>Each hash holds {@code m} KiB of memory while it runs, so at most a fixed number run at once
 * (the others wait their turn, in order); and a stored hash asking for more than {@link
 * Parameters#MAX_MEMORY_KIB}, {@link Parameters#MAX_ITERATIONS} or {@link
 * Parameters#MAX_PARALLELISM} is refused rather than computed. Passwords are hashed in Unicode
 * normalization form NFKC (as NIST SP 800-63B advises), so the same password typed on different
 * keyboards matches.
 */
public final class Argon2PasswordHasher implements PasswordHasher {
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final int MIN_SALT_BYTES = 8;
  private static final int MIN_HASH_BYTES = 16;
  private static final int MAX_SALT_OR_HASH_BYTES = 64;
  private static final int VERSION = Argon2Parameters.ARGON2_VERSION_13;
  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=(\\d{1,4})\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,10})"
              + "\\$([A-Za-z0-9+/]{1,128})\\$([A-Za-z0-9+/]{1,128})");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

  /**
   * The cost of a hash: memory in KiB, passes over it, and lanes; each within what this hasher is
   * willing to compute.
   */
  public record Parameters(int memoryKib, int iterations, int parallelism) {
    /** OWASP's recommendation for Argon2id: 19 MiB, two passes, one lane. */
    public static final Parameters OWASP = new Parameters(19_456, 2, 1);

    /**
     * The most memory a hash may ask for (64 MiB, RFC 9106's second recommendation), so a crafted
     * hash cannot exhaust memory.
     */
    public static final int MAX_MEMORY_KIB = 65_536;

    /** The most passes a hash may ask for. */
    public static final int MAX_ITERATIONS = 16;

    /** The most lanes a hash may ask for. */
    public static final int MAX_PARALLELISM = 16;

    public Parameters {
      if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
        throw new IllegalArgumentException(
            "Argon2 parallelism is between 1 and " + MAX_PARALLELISM + ".");
      }
      if (iterations < 1 || iterations > MAX_ITERATIONS) {
        throw new IllegalArgumentException(
            "Argon2 iterations are between 1 and " + MAX_ITERATIONS + ".");
      }
      if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
        throw new IllegalArgumentException(
            "Argon2 memory is between 8 KiB per lane and " + MAX_MEMORY_KIB + " KiB.");
      }
    }
  }

  /** A stored hash taken apart. */
  private record Stored(Parameters parameters, byte[] salt, byte[] hash) {}

  private final Parameters parameters;
  private final Semaphore permits;
  // Each hash fills 19 MiB of 1 KiB blocks. Reusing them, instead of leaving them to the garbage
  // collector at dozens of hashes a second, keeps the heap (and the process) small under load.
  // One pool per permit: a running hash has its pool to itself, so taking blocks never contends.
  private final Queue<Argon2BytesGenerator.BlockPool> blockPools = new ConcurrentLinkedQueue<>();
  private final SecureRandom random = new SecureRandom();

  /** A hasher with OWASP's parameters, running as many hashes at once as there are processors. */
  public Argon2PasswordHasher() {
    this(Parameters.OWASP, Runtime.getRuntime().availableProcessors());
  }

  /**
   * A hasher with these parameters that runs at most {@code maxConcurrentHashes} hashes at once.
   */
  public Argon2PasswordHasher(Parameters parameters, int maxConcurrentHashes) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    if (maxConcurrentHashes < 1) {
      throw new IllegalArgumentException("At least one password hash must be able to run.");
    }
    this.permits = new Semaphore(maxConcurrentHashes, true);
    int blocksPerHash =
        Argon2BytesGenerator.getBlockCount(parameters.memoryKib(), parameters.parallelism());
    for (int i = 0; i < maxConcurrentHashes; i++) {
      blockPools.add(new Argon2BytesGenerator.FixedBlockPool(blocksPerHash));
    }
  }

  @Override
  public PasswordHash hash(Password password) {
    Objects.requireNonNull(password, "password");
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = new byte[HASH_BYTES];
    try {
      compute(password, parameters, salt, hash);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting to hash a password.", e);
    }
    PasswordHash encoded = encode(salt, hash);
    Arrays.fill(hash, (byte) 0);
    return encoded;
  }

  /**
   * A random salt with a random output: checking a password against it computes a full hash with
   * this hasher's parameters, and no password's hash is that output.
   */
  @Override
  public PasswordHash unmatchable() {
    byte[] salt = new byte[SALT_BYTES];
    byte[] output = new byte[HASH_BYTES];
    random.nextBytes(salt);
    random.nextBytes(output);
    return encode(salt, output);
  }

  private PasswordHash encode(byte[] salt, byte[] hash) {
    return new PasswordHash(
        "$argon2id$v="
            + VERSION
            + "$m="
            + parameters.memoryKib()
            + ",t="
            + parameters.iterations()
            + ",p="
            + parameters.parallelism()
            + "$"
            + B64.encodeToString(salt)
            + "$"
            + B64.encodeToString(hash));
  }

  @Override
  public boolean matches(Password password, PasswordHash hash) {
    Objects.requireNonNull(password, "password");
    Optional<Stored> stored = parse(Objects.requireNonNull(hash, "hash"));
    if (stored.isEmpty()) {
      return false;
    }
    byte[] expected = stored.get().hash();
    byte[] actual = new byte[expected.length];
    try {
      compute(password, stored.get().parameters(), stored.get().salt(), actual);
      return MessageDigest.isEqual(expected, actual);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (RuntimeException e) {
      // Whatever the library makes of odd but parseable input, it is not a match.
      return false;
    } finally {
      Arrays.fill(actual, (byte) 0);
    }
  }

  /**
   * True when the hash is not one of ours or costs less memory or fewer passes than the configured
   * parameters, or has a shorter salt or output. A different lane count alone is not weaker.
   */
  @Override
  public boolean needsRehash(PasswordHash hash) {
    return parse(Objects.requireNonNull(hash, "hash"))
        .map(
            stored ->
                stored.parameters().memoryKib() < parameters.memoryKib()
                    || stored.parameters().iterations() < parameters.iterations()
                    || stored.salt().length < SALT_BYTES
                    || stored.hash().length < HASH_BYTES)
        .orElse(true);
  }

  /** How many hashes wait for their turn now; for tests. */
  int hashesWaiting() {
    return permits.getQueueLength();
  }

  private void compute(Password password, Parameters cost, byte[] salt, byte[] out)
      throws InterruptedException {
    byte[] secret =
        Normalizer.normalize(password.value(), Normalizer.Form.NFKC)
            .getBytes(StandardCharsets.UTF_8);
    permits.acquire();
    // There are as many pools as permits, so a permit holder always finds one.
    Argon2BytesGenerator.BlockPool blocks = blockPools.remove();
    try {
      var generator = new Argon2BytesGenerator();
      generator.init(
          new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
              .withVersion(VERSION)
              .withMemoryAsKB(cost.memoryKib())
              .withIterations(cost.iterations())
              .withParallelism(cost.parallelism())
              .withSalt(salt)
              .withBlockPool(blocks)
              .build());
      generator.generateBytes(secret, out);
    } finally {
      blockPools.add(blocks);
      permits.release();
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** The parts of a well-formed hash within the limits, or empty. */
  private static Optional<Stored> parse(PasswordHash hash) {
    Matcher m = PHC.matcher(hash.encoded());
    if (!m.matches() || Long.parseLong(m.group(1)) != VERSION) {
      return Optional.empty();
    }
    try {
      var cost =
          new Parameters(
              Math.toIntExact(Long.parseLong(m.group(2))),
              Math.toIntExact(Long.parseLong(m.group(3))),
              Math.toIntExact(Long.parseLong(m.group(4))));
      byte[] salt = B64_DECODER.decode(m.group(5));
      byte[] expected = B64_DECODER.decode(m.group(6));
      if (salt.length < MIN_SALT_BYTES
          || salt.length > MAX_SALT_OR_HASH_BYTES
          || expected.length < MIN_HASH_BYTES
          || expected.length > MAX_SALT_OR_HASH_BYTES) {
        return Optional.empty();
      }
      return Optional.of(new Stored(cost, salt, expected));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
