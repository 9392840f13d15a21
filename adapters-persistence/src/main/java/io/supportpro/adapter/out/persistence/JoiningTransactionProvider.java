package io.supportpro.adapter.out.persistence;

import java.util.Objects;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.impl.ThreadLocalTransactionProvider;

/**
 * Makes a transaction begun while another runs on the same thread part of that one, so that a
 * store's own transaction inside a unit of work commits or rolls back with the unit. jOOQ's
 * thread-bound provider shares the connection but treats a transaction begun through the shared
 * {@code DSLContext} as a new outermost one, committing the unit's work early.
 */
final class JoiningTransactionProvider implements TransactionProvider {
  private final ThreadLocalTransactionProvider outermost;
  private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);

  JoiningTransactionProvider(ThreadLocalTransactionProvider outermost) {
    this.outermost = Objects.requireNonNull(outermost, "outermost");
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
    if (end() == 0) {
      outermost.commit(context);
    }
  }

  /** Rolls back only the outermost: the failure of a joined one ends the outermost too. */
  @Override
  public void rollback(TransactionContext context) {
    if (end() == 0) {
      outermost.rollback(context);
    }
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
