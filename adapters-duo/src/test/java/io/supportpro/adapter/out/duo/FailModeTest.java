package io.supportpro.adapter.out.duo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FailModeTest {
  @ParameterizedTest
  @ValueSource(strings = {"closed", "CLOSED", "Closed", " closed\n"})
  void parse_readsClosedInAnyCase(String text) {
    assertThat(FailMode.parse(text)).isEqualTo(FailMode.CLOSED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"open", "OPEN", "oPeN", "\topen "})
  void parse_readsOpenInAnyCase(String text) {
    assertThat(FailMode.parse(text)).isEqualTo(FailMode.OPEN);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "opened", "fail-open", "fail_closed", "true", "0", "clo sed"})
  void parse_refusesAnythingElse(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> FailMode.parse(text))
        .withMessage("The fail mode is either closed or open.");
  }

  @Test
  void setting_isTheLowerCaseName() {
    assertThat(FailMode.CLOSED.setting()).isEqualTo("closed");
    assertThat(FailMode.OPEN.setting()).isEqualTo("open");
  }

  @ParameterizedTest
  @EnumSource(FailMode.class)
  void parse_readsWhatSettingWrites(FailMode mode) {
    assertThat(FailMode.parse(mode.setting())).isEqualTo(mode);
  }
}
