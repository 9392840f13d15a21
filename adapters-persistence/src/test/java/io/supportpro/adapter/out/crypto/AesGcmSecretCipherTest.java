package io.supportpro.adapter.out.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.application.port.out.SecretCipher;
import io.supportpro.application.port.out.SecretCipher.UndecryptableSecretException;
import io.supportpro.application.testing.SecretCipherContract;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AesGcmSecretCipherTest extends SecretCipherContract {
  private static final String KEY = AesGcmSecretCipher.newKey();

  @Override
  protected SecretCipher cipher() {
    return AesGcmSecretCipher.fromConfiguredKey(KEY);
  }

  @Test
  void encrypt_writesVersionNonceCiphertextAndTagInBase64url() {
    String encrypted = cipher().encrypt("abc");

    assertThat(encrypted).matches("v1:[A-Za-z0-9_-]+");
    // 12 bytes of nonce, 3 of ciphertext, 16 of tag.
    assertThat(Base64.getUrlDecoder().decode(encrypted.substring(3))).hasSize(12 + 3 + 16);
  }

  @Test
  void decrypt_refusesTextEncryptedWithAnotherKey() {
    String encrypted =
        AesGcmSecretCipher.fromConfiguredKey(AesGcmSecretCipher.newKey()).encrypt("x");

    assertThatThrownBy(() -> cipher().decrypt(encrypted))
        .isInstanceOf(UndecryptableSecretException.class)
        .hasMessageContaining("another key");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"v1:", "v1:AAAA", "v2:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "v1:!!!!"})
  void decrypt_refusesTruncatedOrForeignText(String text) {
    assertThatThrownBy(() -> cipher().decrypt(text))
        .isInstanceOf(UndecryptableSecretException.class);
  }

  @Test
  void fromConfiguredKey_acceptsBase64AndBase64url() {
    byte[] key = new byte[32];
    key[0] = (byte) 0xfb;
    key[1] = (byte) 0xff;
    String standard = Base64.getEncoder().encodeToString(key);
    String url = Base64.getUrlEncoder().withoutPadding().encodeToString(key);

    String encrypted = AesGcmSecretCipher.fromConfiguredKey(" " + standard + "\n").encrypt("x");

    assertThat(AesGcmSecretCipher.fromConfiguredKey(url).decrypt(encrypted)).isEqualTo("x");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not base64 at all!",
        "c2hvcnQ=",
        "AAAAAAAAAAAAAAAAAAAAAA==",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
      })
  void fromConfiguredKey_refusesAMalformedKeyWithoutRepeatingIt(String key) {
    assertThatThrownBy(() -> AesGcmSecretCipher.fromConfiguredKey(key))
        .isInstanceOf(SecretKeyException.class)
        .hasMessageStartingWith("The configured secret key is not valid")
        .hasMessageContaining("32 random bytes in base64")
        .satisfies(e -> assertThat(key.isEmpty() || !e.getMessage().contains(key)).isTrue());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 16, 31, 33, 64})
  void constructor_refusesAKeyThatIsNot32Bytes(int length) {
    assertThatIllegalArgumentException().isThrownBy(() -> new AesGcmSecretCipher(new byte[length]));
  }

  @Test
  void constructor_keepsItsOwnCopyOfTheKey() {
    byte[] key = Base64.getDecoder().decode(KEY);
    var cipher = new AesGcmSecretCipher(key);
    Arrays.fill(key, (byte) 0);

    assertThat(AesGcmSecretCipher.fromConfiguredKey(KEY).decrypt(cipher.encrypt("x")))
        .isEqualTo("x");
  }

  @Test
  void deriveKey_isStablePerKeyAndPurposeAndNeverTheKeyItself() {
    byte[] signing = AesGcmSecretCipher.fromConfiguredKey(KEY).deriveKey("form-signing");

    assertThat(signing).hasSize(32);
    assertThat(AesGcmSecretCipher.fromConfiguredKey(KEY).deriveKey("form-signing"))
        .isEqualTo(signing);
    assertThat(AesGcmSecretCipher.fromConfiguredKey(KEY).deriveKey("other")).isNotEqualTo(signing);
    assertThat(
            AesGcmSecretCipher.fromConfiguredKey(AesGcmSecretCipher.newKey())
                .deriveKey("form-signing"))
        .isNotEqualTo(signing);
    assertThat(signing).isNotEqualTo(Base64.getDecoder().decode(KEY));
  }
}
