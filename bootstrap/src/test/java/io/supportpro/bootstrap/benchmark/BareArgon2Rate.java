package io.supportpro.bootstrap.benchmark;

import io.supportpro.adapter.out.crypto.Argon2PasswordHasher;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.PasswordHash;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bare password-hash rate of this machine: the panel's own hasher, checking one password on as
 * many threads as it allows at once, for a number of seconds. Run in a fresh JVM, like the server
 * it is compared with, so that both start from the same compiler state.
 */
public final class BareArgon2Rate {
  private BareArgon2Rate() {}

  /** Prints the number of hashes per second, measured for {@code args[0]} seconds. */
  public static void main(String[] args) throws InterruptedException {
    long seconds = Long.parseLong(args[0]);
    int threads = Runtime.getRuntime().availableProcessors();
    var hasher = new Argon2PasswordHasher(Argon2PasswordHasher.Parameters.OWASP, threads);
    var password = new Password("Benchmark-passphrase-42");
    PasswordHash hash = hasher.hash(password);
    var count = new AtomicLong();
    var running = new AtomicBoolean(true);
    try (var pool = Executors.newFixedThreadPool(threads)) {
      for (int i = 0; i < threads; i++) {
        pool.submit(
            () -> {
              while (running.get()) {
                hasher.matches(password, hash);
                count.incrementAndGet();
              }
            });
      }
      // The first seconds warm the compiler up, as the server's warm-up round does.
      Thread.sleep(5_000);
      count.set(0);
      Thread.sleep(seconds * 1_000);
      running.set(false);
    }
    System.out.println(count.get() / (double) seconds);
  }
}
