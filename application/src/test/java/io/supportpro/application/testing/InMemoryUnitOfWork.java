package io.supportpro.application.testing;

import io.supportpro.application.port.out.UnitOfWork;
import java.util.function.Supplier;

/**
 * Runs work at once: the in-memory stores apply each change whole and have nothing to roll back.
 */
public final class InMemoryUnitOfWork implements UnitOfWork {
  @Override
  public <T> T run(Supplier<T> work) {
    return work.get();
  }
}
