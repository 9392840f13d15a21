package io.supportpro.adapter.out.persistence;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * A look-up rendered to SQL once, when its store is made, and run with new values at each use:
 * rendering a query takes longer than an embedded database takes to answer a look-up by key, and
 * these run on every request or sign-in.
 */
final class RenderedQuery {
  private final String sql;
  private final Field<?>[] fields;

  private RenderedQuery(String sql, Field<?>[] fields) {
    this.sql = sql;
    this.fields = fields;
  }

  /**
   * The query's SQL, with a placeholder for each of its parameters ({@code DSL.param}), and the
   * fields of its rows.
   */
  static RenderedQuery of(DSLContext dsl, ResultQuery<?> query) {
    // Values bound at each use take the places of the parameters: a value fixed in the query
    // would silently take one of them.
    if (query.getBindValues().size() != query.getParams().size()) {
      throw new IllegalArgumentException("Every value of a rendered query is a parameter.");
    }
    return new RenderedQuery(dsl.render(query), query.fields());
  }

  /**
   * The one row the query finds with these values for its parameters, given in the order they
   * appear in it, if there is one.
   */
  Optional<Record> fetchOptional(DSLContext dsl, Object... values) {
    return dsl.resultQuery(sql, values).coerce(fields).fetchOptional();
  }
}
