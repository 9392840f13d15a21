package io.supportpro.adapter.in.web;

import io.javalin.http.Context;
import io.supportpro.domain.page.KeysetRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The search text and page position that a searchable list reads from its query string, checked
 * once: a search that cannot be one is shown back with its error over an empty first page.
 *
 * @param typed the search as typed, to show back in its field
 */
record ListSearch(String typed, PagePosition position, Optional<String> problem) {
  /** No username, e-mail address or name is longer. */
  static final int MAX_LENGTH = 254;

  /** The search and position of the request's query string. */
  static ListSearch of(Context ctx) {
    Params query = Params.query(ctx);
    String typed = query.text("q");
    return new ListSearch(
        typed, PagePosition.of(query), FieldCheck.problem(Texts.of(ctx), typed, MAX_LENGTH));
  }

  /** The text to search for: nothing when the search was refused. */
  String text() {
    return problem.isPresent() ? "" : typed.strip();
  }

  /** The page asked for, or the first when the search was refused. */
  KeysetRequest request(int size) {
    return problem.isPresent() ? KeysetRequest.first(size) : position.request(size);
  }

  /** 400 when the search was refused, 200 otherwise. */
  int status() {
    return problem.isPresent() ? 400 : 200;
  }

  /** The address of another page of this search. */
  String link(String path, PagePosition other) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("q", typed);
    query.putAll(other.query());
    return Urls.withQuery(path, query);
  }
}
