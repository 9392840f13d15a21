package io.supportpro.adapter.in.web;

import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.page.Cursor;
import io.supportpro.domain.page.KeysetRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a page of operators lies, as its address carries it: {@code after} or {@code before} an
 * operator, written as their identity, a colon and their username ({@code
 * 0f8fad5b-d9cb-469f-a165-70867728950e:ada}), or neither for the first page.
 */
record PagePosition(Optional<Cursor> cursor) {
  static final PagePosition FIRST = new PagePosition(Optional.empty());

  private static final int ID_LENGTH = 36;
  private static final int MAX_LENGTH = ID_LENGTH + 1 + Cursor.MAX_KEY_LENGTH;

  /**
   * The position the parameters ask for.
   *
   * @throws Halt a 400 page when a position is malformed, too long, or given both ways
   */
  static PagePosition of(Params params) {
    String after = params.text("after");
    String before = params.text("before");
    if (!after.isEmpty() && !before.isEmpty()) {
      throw Halt.badRequest("error.page-position");
    }
    if (after.isEmpty() && before.isEmpty()) {
      return FIRST;
    }
    Cursor.Direction direction = after.isEmpty() ? Cursor.Direction.BEFORE : Cursor.Direction.AFTER;
    return parse(direction, after.isEmpty() ? before : after)
        .map(cursor -> new PagePosition(Optional.of(cursor)))
        .orElseThrow(() -> Halt.badRequest("error.page-position"));
  }

  /**
   * The position a form carries back, so that the list reopens where it was; the first page when it
   * carries none or one that cannot be a position.
   */
  static PagePosition orFirst(Params params) {
    try {
      return of(params);
    } catch (Halt malformed) {
      return FIRST;
    }
  }

  private static Optional<Cursor> parse(Cursor.Direction direction, String text) {
    if (text.length() < ID_LENGTH + 2
        || text.length() > MAX_LENGTH
        || text.charAt(ID_LENGTH) != ':'
        || FieldCheck.hasControlCharacter(text)) {
      return Optional.empty();
    }
    try {
      OperatorId id = OperatorId.parse(text.substring(0, ID_LENGTH));
      return Optional.of(new Cursor(direction, text.substring(ID_LENGTH + 1), id.toString()));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  /** The page after this operator. */
  static PagePosition after(Operator operator) {
    return new PagePosition(Optional.of(operator.position(Cursor.Direction.AFTER)));
  }

  /** The page before this operator. */
  static PagePosition before(Operator operator) {
    return new PagePosition(Optional.of(operator.position(Cursor.Direction.BEFORE)));
  }

  /** The request for a page of this many rows at this position. */
  KeysetRequest request(int size) {
    return new KeysetRequest(cursor, size);
  }

  /** The parameters of this position, both present and empty when unused, in a fixed order. */
  Map<String, String> query() {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("after", text(Cursor.Direction.AFTER));
    query.put("before", text(Cursor.Direction.BEFORE));
    return query;
  }

  /** The parameter's value for the direction, empty when the position lies the other way. */
  String text(Cursor.Direction direction) {
    return cursor
        .filter(c -> c.direction() == direction)
        .map(c -> c.id() + ":" + c.key())
        .orElse("");
  }
}
