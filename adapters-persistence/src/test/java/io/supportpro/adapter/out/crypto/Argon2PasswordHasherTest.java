package io.supportpro.adapter.out.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.supportpro.adapter.out.crypto.Argon2PasswordHasher.Parameters;
import io.supportpro.application.port.out.PasswordHasher;
import io.supportpro.application.testing.PasswordHasherContract;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.PasswordHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2PasswordHasherTest extends PasswordHasherContract {
  private static final Password PASSWORD = new Password("correct horse battery");
  private static final Argon2PasswordHasher OWASP = new Argon2PasswordHasher();

  @Override
  protected PasswordHasher hasher() {
    return OWASP;
  }

  @Test
  void hash_isAnArgon2idPhcStringCarryingTheOwaspParameters() {
    String encoded = OWASP.hash(PASSWORD).encoded();

    // 16 bytes of salt and 32 of hash, in base64 without padding.
    assertThat(encoded)
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
  }

  /** Vectors from the Argon2 reference implementation's own tests (phc-winner-argon2 test.c). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"
      })
  void matches_hashesOfTheReferenceImplementation(String reference) {
    var hash = new PasswordHash(reference);

    assertThat(OWASP.matches(new Password("password"), hash)).isTrue();
    assertThat(OWASP.matches(new Password("passwore"), hash)).isFalse();
  }

  @Test
  void matches_refusesAGenuineHashThatAsksForMoreMemoryThanTheLimit() {
    // The reference vector for 256 MiB: correct, but beyond what this hasher computes.
    var greedy =
        new PasswordHash(
            "$argon2id$v=19$m=262144,t=2,p=1$c29tZXNhbHQ$eP4eyR+zqlZX1y5xCFTkw9m5GYx0L5YWwvCFvtlbLow");

    assertThat(OWASP.matches(new Password("password"), greedy)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "$argon2id$v=19$m=4294967295,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=99999999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=19456,t=4000000,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=19456,t=2,p=255$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=7,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=19456,t=0,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=19456,t=2,p=0$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=16$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$t=2,m=65536,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMa",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$C",
        "$argon2id$v=19$m=65536,t=2,p=1$c29t-XNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc$",
        " $argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
        "$$$$$$",
        "$argon2id$v=19$m=,t=,p=$$"
      })
  void matches_isFalseWithoutHashingForMalformedOrAbsurdHashes(String encoded) {
    long started = System.nanoTime();

    assertThat(OWASP.matches(new Password("password"), new PasswordHash(encoded))).isFalse();
    assertThat(OWASP.needsRehash(new PasswordHash(encoded))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void needsRehash_isTrueOnlyForHashesWeakerThanConfigured() {
    var weak = new Argon2PasswordHasher(new Parameters(8_192, 1, 1), 1);
    var stronger = new Argon2PasswordHasher(new Parameters(19_456, 3, 1), 1);
    PasswordHash weakHash = weak.hash(PASSWORD);
    PasswordHash owaspHash = OWASP.hash(PASSWORD);

    assertThat(OWASP.needsRehash(weakHash)).isTrue();
    assertThat(OWASP.matches(PASSWORD, weakHash)).isTrue();
    assertThat(weak.needsRehash(owaspHash)).isFalse();
    assertThat(stronger.needsRehash(owaspHash)).isTrue();
  }

  @Test
  void hash_treatsCanonicallyEquivalentSpellingsAsOnePassword() {
    PasswordHash composed = OWASP.hash(new Password("caf\u00e9 au lait, s'il vous plaît"));

    assertThat(OWASP.matches(new Password("cafe\u0301 au lait, s'il vous plaît"), composed))
        .isTrue();
  }

  @Test
  void parameters_outsideTheLimitsAreRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> new Parameters(65_537, 2, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> new Parameters(19_456, 0, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> new Parameters(19_456, 2, 17));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Argon2PasswordHasher(Parameters.OWASP, 0));
  }

  @Test
  void hash_queuesHashesBeyondTheAllowedNumber() throws Exception {
    var one = new Argon2PasswordHasher(Parameters.OWASP, 1);
    int mostWaiting = 0;
    List<Future<?>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 4; i++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < 3; round++) {
                    one.hash(PASSWORD);
                  }
                }));
      }
      while (futures.stream().anyMatch(f -> !f.isDone())) {
        mostWaiting = Math.max(mostWaiting, one.hashesWaiting());
        Thread.onSpinWait();
      }
      for (Future<?> future : futures) {
        future.get();
      }
    }

    // With one permit and four busy threads, others must have queued behind the running hash.
    assertThat(mostWaiting).isPositive();
  }
}
