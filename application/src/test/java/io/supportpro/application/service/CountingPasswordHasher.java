package io.supportpro.application.service;

import io.supportpro.application.port.out.PasswordHasher;
import io.supportpro.application.testing.FakePasswordHasher;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.PasswordHash;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the slow operations of a hasher (making a hash and checking a password against one), and
 * remembers the longest password it was given, so that tests can see how much work a sign-in costs.
 */
final class CountingPasswordHasher implements PasswordHasher {
  private final FakePasswordHasher delegate = new FakePasswordHasher();
  private final AtomicInteger hashes = new AtomicInteger();
  private final AtomicInteger checks = new AtomicInteger();
  private final AtomicInteger longestPassword = new AtomicInteger();
  private volatile boolean everyHashIsWeak;
  private volatile Gate gate;

  /** Holds each check of one password, once begun, until the test opens the gate. */
  record Gate(String password, CountDownLatch entered, CountDownLatch opened) {
    /** Waits until a check of the password has begun. */
    void awaitEntered() throws InterruptedException {
      if (!entered.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the password was never checked");
      }
    }

    /** Lets the held checks finish. */
    void open() {
      opened.countDown();
    }
  }

  @Override
  public PasswordHash hash(Password password) {
    hashes.incrementAndGet();
    longestPassword.accumulateAndGet(password.value().length(), Math::max);
    return delegate.hash(password);
  }

  @Override
  public boolean matches(Password password, PasswordHash hash) {
    checks.incrementAndGet();
    longestPassword.accumulateAndGet(password.value().length(), Math::max);
    Gate held = gate;
    if (held != null && held.password().equals(password.value())) {
      held.entered().countDown();
      try {
        held.opened().await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return delegate.matches(password, hash);
  }

  /** Not counted: making it hashes nothing. */
  @Override
  public PasswordHash unmatchable() {
    return delegate.unmatchable();
  }

  @Override
  public boolean needsRehash(PasswordHash hash) {
    return everyHashIsWeak || delegate.needsRehash(hash);
  }

  /** From now on, checks of the password wait until the returned gate opens. */
  Gate hold(String password) {
    gate = new Gate(password, new CountDownLatch(1), new CountDownLatch(1));
    return gate;
  }

  /** From now on, every stored hash counts as made with weaker parameters. */
  void raiseParameters() {
    everyHashIsWeak = true;
  }

  /** How many hashes were made or checked since the last reset. */
  int computed() {
    return hashes.get() + checks.get();
  }

  /** How many new hashes were made since the last reset. */
  int made() {
    return hashes.get();
  }

  /** The length of the longest password hashed or checked since the last reset. */
  int longestPassword() {
    return longestPassword.get();
  }

  void reset() {
    hashes.set(0);
    checks.set(0);
    longestPassword.set(0);
  }
}
