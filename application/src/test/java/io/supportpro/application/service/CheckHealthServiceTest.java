package io.supportpro.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.application.port.in.CheckHealthUseCase.Health;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CheckHealthServiceTest {
  @Test
  void check_isHealthyWhenTheDatabaseAnswers() {
    Health health = new CheckHealthService(() -> true).check();

    assertThat(health.databaseReachable()).isTrue();
    assertThat(health.healthy()).isTrue();
  }

  @Test
  void check_isUnhealthyWhenTheDatabaseDoesNotAnswer() {
    Health health = new CheckHealthService(() -> false).check();

    assertThat(health.databaseReachable()).isFalse();
    assertThat(health.healthy()).isFalse();
  }

  @Test
  void check_asksTheProbeEveryTimeInsteadOfRememberingAnAnswer() {
    var reachable = new AtomicBoolean(true);
    var asked = new AtomicInteger();
    var service =
        new CheckHealthService(
            () -> {
              asked.incrementAndGet();
              return reachable.get();
            });

    assertThat(service.check().healthy()).isTrue();
    reachable.set(false);
    assertThat(service.check().healthy()).isFalse();
    reachable.set(true);
    assertThat(service.check().healthy()).isTrue();
    assertThat(asked).hasValue(3);
  }

  @Test
  void new_refusesAMissingProbe() {
    assertThatNullPointerException().isThrownBy(() -> new CheckHealthService(null));
  }
}
