package io.supportpro.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.PasswordHasher;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.PasswordHash;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PasswordHasher} must do. */
public abstract class PasswordHasherContract {
  private static final Password PASSWORD = new Password("correct horse battery");

  private PasswordHasher hasher;

  /** The hasher under test. */
  protected abstract PasswordHasher hasher();

  @BeforeEach
  void setUp() {
    hasher = hasher();
  }

  @Test
  void hash_matchesOnlyThePasswordItWasMadeFrom() {
    PasswordHash hash = hasher.hash(PASSWORD);

    assertThat(hasher.matches(PASSWORD, hash)).isTrue();
    assertThat(hasher.matches(new Password("correct horse battery "), hash)).isFalse();
    assertThat(hasher.matches(new Password(""), hash)).isFalse();
  }

  @Test
  void hash_neverContainsThePasswordAndIsSalted() {
    PasswordHash first = hasher.hash(PASSWORD);
    PasswordHash second = hasher.hash(PASSWORD);

    assertThat(first.encoded()).doesNotContain(PASSWORD.value());
    assertThat(first).isNotEqualTo(second);
    assertThat(hasher.matches(PASSWORD, second)).isTrue();
  }

  @Test
  void hash_handlesUnicodePasswords() {
    var password = new Password("pässwörd-密码-🔑-ok");
    PasswordHash hash = hasher.hash(password);

    assertThat(hasher.matches(password, hash)).isTrue();
    assertThat(hasher.matches(new Password("passwort-密码-🔑-ok"), hash)).isFalse();
  }

  @Test
  void matches_isFalseForAMalformedHash() {
    assertThat(hasher.matches(PASSWORD, new PasswordHash("not a hash"))).isFalse();
    assertThat(hasher.matches(PASSWORD, new PasswordHash("$argon2id$v=19$m=1,t=1,p=1$$")))
        .isFalse();
  }

  @Test
  void needsRehash_isFalseForItsOwnHashes() {
    assertThat(hasher.needsRehash(hasher.hash(PASSWORD))).isFalse();
  }

  @Test
  void unmatchable_isMatchedByNoPassword() {
    PasswordHash unmatchable = hasher.unmatchable();

    assertThat(hasher.matches(PASSWORD, unmatchable)).isFalse();
    assertThat(hasher.matches(new Password(""), unmatchable)).isFalse();
    assertThat(unmatchable).isNotEqualTo(hasher.unmatchable());
  }

  /**
   * The same algorithm and parameters as a hash made now, and a salt and an output of the same
   * length, so that checking a password against it costs as much as against a real one.
   */
  @Test
  void unmatchable_hasTheFormAndCostOfAHashMadeNow() {
    String[] made = hasher.hash(PASSWORD).encoded().split("\\$");
    String[] standIn = hasher.unmatchable().encoded().split("\\$");

    assertThat(standIn).hasSameSizeAs(made);
    int salt = made.length - 2;
    assertThat(Arrays.copyOf(standIn, salt)).containsExactly(Arrays.copyOf(made, salt));
    assertThat(standIn[salt]).hasSameSizeAs(made[salt]).isNotEqualTo(made[salt]);
    assertThat(standIn[salt + 1]).hasSameSizeAs(made[salt + 1]);
    assertThat(hasher.needsRehash(hasher.unmatchable())).isFalse();
  }
}
