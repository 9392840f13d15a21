package io.supportpro.application.testing;

import io.supportpro.application.port.out.UnitOfWork;
import java.util.function.Supplier;

/**
 * Runs work at once and rolls nothing back: work that fails keeps the changes it made before, so
 * tests of what a unit of work keeps together run against the database.
 */
public final class InMemoryUnitOfWork implements UnitOfWork {
  @Override
  public <T> T run(Supplier<T> work) {
    return work.get();
  }
}
