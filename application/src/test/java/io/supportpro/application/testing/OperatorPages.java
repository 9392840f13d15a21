package io.supportpro.application.testing;

import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.page.Cursor;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import java.util.Collection;
import java.util.Comparator;

/**
 * Pages operators in memory as the stores do: by username, then identity, after or before a row.
 */
public final class OperatorPages {
  private static final Comparator<Key> ORDER =
      Comparator.comparing(Key::username).thenComparing(Key::id);

  private record Key(String username, String id) {}

  private OperatorPages() {}

  /** The page of the operators that the request asks for. */
  public static KeysetPage<Operator> page(Collection<Operator> operators, KeysetRequest request) {
    Comparator<Operator> order = Comparator.comparing(OperatorPages::key, ORDER);
    return request.read(
        reading ->
            operators.stream()
                .filter(operator -> reading.cursor().map(c -> beyond(operator, c)).orElse(true))
                .sorted(reading.backwards() ? order.reversed() : order)
                .limit(reading.rowsToRead())
                .toList());
  }

  private static boolean beyond(Operator operator, Cursor cursor) {
    int compared = ORDER.compare(key(operator), new Key(cursor.key(), cursor.id()));
    return cursor.direction() == Cursor.Direction.AFTER ? compared > 0 : compared < 0;
  }

  private static Key key(Operator operator) {
    return new Key(operator.username().value(), operator.id().toString());
  }
}
