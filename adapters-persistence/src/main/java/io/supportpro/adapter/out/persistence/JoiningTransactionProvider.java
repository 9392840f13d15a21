package io.supportpro.adapter.out.persistence;

import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.impl.ThreadLocalTransactionProvider;

/**
 * Binds a transaction to the thread that begins it and makes every transaction begun while it runs
 * part of it, so that a store's own transaction inside a unit of work commits or rolls back with
 * the unit. jOOQ's thread-bound provider alone shares the connection but treats a transaction begun
 * through the shared {@code DSLContext} as a new outermost one, committing the unit's work early.
 */
final class JoiningTransactionProvider implements TransactionProvider {
  private final ThreadLocalTransactionProvider outermost;
  private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);
  // A joined transaction that failed, though its caller went on: the outermost must not commit.
  private final ThreadLocal<Boolean> rollbackOnly = ThreadLocal.withInitial(() -> false);

  JoiningTransactionProvider(ConnectionProvider connections) {
    this.outermost = new ThreadLocalTransactionProvider(connections, false);
  }

  /**
   * The configuration with this provider, and with the connection provider that hands the thread's
   * transaction, while one runs, to every statement.
   */
  Configuration configure(Configuration configuration) {
    // Setting jOOQ's thread-bound provider sets its connection provider too; this one then
    // replaces it as the transaction provider only.
    return configuration.set(outermost).set(this);
  }

  /** True while a transaction runs on this thread. */
  boolean open() {
    return depth.get() > 0;
  }

  @Override
  public void begin(TransactionContext context) {
    int begun = depth.get();
    if (begun == 0) {
      outermost.begin(context);
    }
    depth.set(begun + 1);
  }

  @Override
  public void commit(TransactionContext context) {
    if (end() > 0) {
      return;
    }
    if (rollbackOnly.get()) {
      rollbackOnly.remove();
      // jOOQ rolls the outermost back when its commit fails.
      throw new IllegalStateException(
          "A change that joined this transaction failed, so none of the transaction was kept.");
    }
    outermost.commit(context);
  }

  /** The failure of a joined transaction fails the outermost, even if its caller goes on. */
  @Override
  public void rollback(TransactionContext context) {
    if (end() > 0) {
      rollbackOnly.set(true);
      return;
    }
    rollbackOnly.remove();
    outermost.rollback(context);
  }

  /** Ends the innermost transaction and tells how many still run. */
  private int end() {
    int left = Math.max(0, depth.get() - 1);
    if (left == 0) {
      depth.remove();
    } else {
      depth.set(left);
    }
    return left;
  }
}
