package io.supportpro.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.HealthProbe;
import org.junit.jupiter.api.Test;

/** What every {@link HealthProbe} must do. */
public abstract class HealthProbeContract {
  /** A probe of a store that is up. */
  protected abstract HealthProbe probeOfWorkingStore();

  /** A probe of a store that cannot be reached. */
  protected abstract HealthProbe probeOfUnreachableStore();

  @Test
  void databaseReachable_tellsAWorkingStoreFromAnUnreachableOne() {
    assertThat(probeOfWorkingStore().databaseReachable()).isTrue();
    assertThat(probeOfUnreachableStore().databaseReachable()).isFalse();
  }
}
