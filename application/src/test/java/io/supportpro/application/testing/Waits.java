package io.supportpro.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits that the tests' races need: for a latch, failing rather than hanging, or a short pause. */
public final class Waits {
  private Waits() {}

  /** Waits until the latch is open; fails when it stays closed for 10 seconds. */
  public static void until(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).as("the latch opened").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Pauses the thread, as slow work would, so that calls running alongside overlap. */
  public static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
