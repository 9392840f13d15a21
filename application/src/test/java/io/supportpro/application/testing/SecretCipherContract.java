package io.supportpro.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.application.port.out.SecretCipher.UndecryptableSecretException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SecretCipher} must do. */
public abstract class SecretCipherContract {
  private static final String SECRET = "abcdefghijABCDEFGHIJ0123456789klmnopqrst";

  private SecretCipher cipher;

  /** The cipher under test. */
  protected abstract SecretCipher cipher();

  @BeforeEach
  void setUp() {
    cipher = cipher();
  }

  @Test
  void decrypt_returnsWhatWasEncrypted() {
    assertThat(cipher.decrypt(cipher.encrypt(SECRET))).isEqualTo(SECRET);
    assertThat(cipher.decrypt(cipher.encrypt(""))).isEmpty();
    assertThat(cipher.decrypt(cipher.encrypt("秘密 🔑 \n\t"))).isEqualTo("秘密 🔑 \n\t");
  }

  @Test
  void encrypt_hidesTheSecretAndNeverRepeats() {
    String first = cipher.encrypt(SECRET);
    String second = cipher.encrypt(SECRET);

    assertThat(first).doesNotContain(SECRET).doesNotContain(SECRET.substring(0, 8));
    assertThat(first).isNotEqualTo(second);
    assertThat(first).matches("\\p{Print}+");
  }

  @Test
  void decrypt_refusesAlteredText() {
    String encrypted = cipher.encrypt(SECRET);
    int middle = encrypted.length() / 2;
    char flipped = encrypted.charAt(middle) == 'A' ? 'B' : 'A';
    String altered = encrypted.substring(0, middle) + flipped + encrypted.substring(middle + 1);

    assertThatThrownBy(() -> cipher.decrypt(altered))
        .isInstanceOf(UndecryptableSecretException.class);
    assertThatThrownBy(() -> cipher.decrypt("garbage"))
        .isInstanceOf(UndecryptableSecretException.class);
    assertThatThrownBy(() -> cipher.decrypt("")).isInstanceOf(UndecryptableSecretException.class);
  }
}
