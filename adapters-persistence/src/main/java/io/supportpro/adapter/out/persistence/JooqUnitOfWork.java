package io.supportpro.adapter.out.persistence;

import static io.supportpro.adapter.out.persistence.SqlErrors.guard;

import io.supportpro.application.port.out.UnitOfWork;
import java.util.Objects;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * Runs work in one database transaction, which every statement and transaction of the stores on the
 * same thread joins, and runs it again when the database rolls it back for a conflict with other
 * work.
 */
final class JooqUnitOfWork implements UnitOfWork {
  // A conflict is lost only to work that then finishes, so a few attempts always suffice.
  private static final int ATTEMPTS = 5;

  private final DSLContext dsl;
  private final JoiningTransactionProvider transactions;

  /** Work over the stores of {@code dsl}, whose transactions {@code transactions} provides. */
  JooqUnitOfWork(DSLContext dsl, JoiningTransactionProvider transactions) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public <T> T run(Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    // Joining a transaction that runs already, it is not this work's to end or to run again.
    if (running()) {
      return work.get();
    }
    return guard(
        "completing a change",
        () -> {
          for (int attempt = 1; ; attempt++) {
            try {
              return dsl.transactionResult(configuration -> work.get());
            } catch (RuntimeException e) {
              if (attempt == ATTEMPTS || !SqlErrors.isLostToOtherWork(e)) {
                throw e;
              }
            }
          }
        });
  }

  /**
   * True while a transaction runs on this thread. A store that would try a statement again after a
   * conflict must then leave that to the work: PostgreSQL refuses every further statement of a
   * transaction in which one failed.
   */
  boolean running() {
    return transactions.open();
  }
}
