package io.supportpro.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.supportpro.domain.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionHandleTest {
  @Test
  void isStablePerKeyAndNeitherTheKeyNorTheToken() {
    SessionToken token = SessionToken.random();
    SessionHandle handle = SessionHandle.of(token.key());

    assertThat(SessionHandle.of(token.key())).isEqualTo(handle);
    assertThat(handle.value()).isNotEqualTo(token.key().value()).doesNotContain(token.value());
    assertThat(SessionHandle.of(SessionToken.random().key())).isNotEqualTo(handle);
  }

  @Test
  void isNotThePlainHashOfTheKey() {
    SessionKey key = SessionToken.random().key();

    assertThat(SessionHandle.of(key).value()).isNotEqualTo(Sha256.hex(key.value()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "x", "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef"})
  void refusesWhatIsNotAHandle(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> new SessionHandle(text));
  }
}
