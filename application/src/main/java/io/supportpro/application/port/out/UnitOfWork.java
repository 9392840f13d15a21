package io.supportpro.application.port.out;

import java.util.function.Supplier;

/** Makes the store changes of a piece of work take effect together or not at all. */
public interface UnitOfWork {
  /**
   * Runs the work so that either all of its store changes take effect or none does, and returns
   * what it returns. Rows it changes stay locked until it ends, so it should do nothing slow, such
   * as hashing a password. When the database ends it to settle a conflict with other work, it runs
   * again from the start, so it must have no effect outside the stores. Work run inside other work
   * joins it.
   */
  <T> T run(Supplier<T> work);
}
