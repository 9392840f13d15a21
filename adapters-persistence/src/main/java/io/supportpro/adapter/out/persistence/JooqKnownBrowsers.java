package io.supportpro.adapter.out.persistence;

import static io.supportpro.adapter.out.persistence.SqlErrors.guard;
import static io.supportpro.adapter.out.persistence.SqlErrors.guardRun;
import static io.supportpro.adapter.out.persistence.Timestamps.toColumn;
import static io.supportpro.adapter.out.persistence.jooq.Tables.KNOWN_BROWSER;

import io.supportpro.application.port.out.KnownBrowsers;
import io.supportpro.domain.operator.OperatorId;
import java.time.Instant;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** Known browsers in the {@code known_browser} table, one row per operator and browser hash. */
final class JooqKnownBrowsers implements KnownBrowsers {
  private final DSLContext dsl;

  JooqKnownBrowsers(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /**
   * Updates the row of a known browser, or inserts one; of two racing inserts the unique constraint
   * lets one through, and the other counts the browser as known. Only an insert can take the
   * operator past what is kept, so only then are their oldest trimmed.
   */
  @Override
  public boolean remember(OperatorId operator, String browserHash, Instant now, int keep) {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(browserHash, "browserHash");
    Objects.requireNonNull(now, "now");
    return guard(
        "remembering a browser",
        () -> {
          boolean added =
              !seenAgain(operator, browserHash, now) && added(operator, browserHash, now);
          if (added) {
            trim(operator, keep);
          }
          return added;
        });
  }

  /** Inserts the row without first updating one that cannot be there. */
  @Override
  public void rememberNew(OperatorId operator, String browserHash, Instant now, int keep) {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(browserHash, "browserHash");
    Objects.requireNonNull(now, "now");
    guardRun(
        "remembering a new browser",
        () -> {
          insert(operator, browserHash, now);
          trim(operator, keep);
        });
  }

  private void trim(OperatorId operator, int keep) {
    dsl.deleteFrom(KNOWN_BROWSER)
        .where(KNOWN_BROWSER.OPERATOR_ID.eq(operator.value()))
        .and(
            KNOWN_BROWSER.ID.notIn(
                dsl.select(KNOWN_BROWSER.ID)
                    .from(KNOWN_BROWSER)
                    .where(KNOWN_BROWSER.OPERATOR_ID.eq(operator.value()))
                    .orderBy(KNOWN_BROWSER.LAST_SEEN.desc(), KNOWN_BROWSER.ID.desc())
                    .limit(keep)))
        .execute();
  }

  private boolean seenAgain(OperatorId operator, String browserHash, Instant now) {
    return dsl.update(KNOWN_BROWSER)
            .set(KNOWN_BROWSER.LAST_SEEN, toColumn(now))
            .where(KNOWN_BROWSER.OPERATOR_ID.eq(operator.value()))
            .and(KNOWN_BROWSER.BROWSER_HASH.eq(browserHash))
            .execute()
        > 0;
  }

  private boolean added(OperatorId operator, String browserHash, Instant now) {
    try {
      insert(operator, browserHash, now);
      return true;
    } catch (DataAccessException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        // Another sign-in from this browser inserted it a moment ago.
        seenAgain(operator, browserHash, now);
        return false;
      }
      throw e;
    }
  }

  private void insert(OperatorId operator, String browserHash, Instant now) {
    dsl.insertInto(KNOWN_BROWSER)
        .set(KNOWN_BROWSER.OPERATOR_ID, operator.value())
        .set(KNOWN_BROWSER.BROWSER_HASH, browserHash)
        .set(KNOWN_BROWSER.FIRST_SEEN, toColumn(now))
        .set(KNOWN_BROWSER.LAST_SEEN, toColumn(now))
        .execute();
  }

  @Override
  public int forgetUnseenSince(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return guard(
        "forgetting browsers not seen for long",
        () ->
            dsl.deleteFrom(KNOWN_BROWSER)
                .where(KNOWN_BROWSER.LAST_SEEN.lt(toColumn(cutoff)))
                .execute());
  }
}
