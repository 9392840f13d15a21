package io.supportpro.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RepeatKeyTest {
  private static final Duration HOUR = Duration.ofHours(1);

  @Test
  void of_putsEveryInstantOfAWindowIntoTheSameOne() {
    Instant start = Instant.parse("2026-03-01T10:00:00Z");

    assertThat(RepeatKey.of("k", start, HOUR).windowStart()).isEqualTo(start);
    assertThat(RepeatKey.of("k", start.plusSeconds(3599).plusMillis(999), HOUR))
        .isEqualTo(new RepeatKey("k", start));
    assertThat(RepeatKey.of("k", start.plus(HOUR), HOUR).windowStart()).isEqualTo(start.plus(HOUR));
  }

  @Test
  void of_countsWindowsFromTheEpochEvenBeforeIt() {
    assertThat(RepeatKey.of("k", Instant.parse("1969-12-31T23:30:00Z"), HOUR).windowStart())
        .isEqualTo(Instant.parse("1969-12-31T23:00:00Z"));
  }

  @Test
  void of_refusesAWindowShorterThanASecond() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RepeatKey.of("k", Instant.EPOCH, Duration.ofMillis(999)));
  }

  @Test
  void theValueIsClippedAndPrintable() {
    RepeatKey key = new RepeatKey("a\nb" + "x".repeat(400), Instant.EPOCH);

    assertThat(key.value()).hasSize(300).startsWith("a?b");
  }
}
