package io.supportpro.adapter.in.web;

import io.javalin.http.Context;
import io.supportpro.domain.page.Page;
import io.supportpro.domain.page.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The search text and page number that a searchable list reads from its query string, checked once:
 * a search that cannot be one is shown back with its error over an empty first page.
 *
 * @param typed the search as typed, to show back in its field
 */
record ListSearch(String typed, int page, Optional<String> problem) {
  /** No username, e-mail address or name is longer. */
  static final int MAX_LENGTH = 254;

  /** The search and page of the request's query string. */
  static ListSearch of(Context ctx) {
    Params query = Params.query(ctx);
    String typed = query.text("q");
    return new ListSearch(
        typed,
        Paging.pageNumber(query.text("page")),
        FieldCheck.problem(Texts.of(ctx), typed, MAX_LENGTH));
  }

  /** The text to search for: nothing when the search was refused. */
  String text() {
    return problem.isPresent() ? "" : typed.strip();
  }

  /** The page asked for, or the first when the search was refused. */
  PageRequest request(int size) {
    return new PageRequest(problem.isPresent() ? 1 : page, size);
  }

  /** 400 when the search was refused, 200 otherwise. */
  int status() {
    return problem.isPresent() ? 400 : 200;
  }

  /** What the list shows: nothing when the search was refused. */
  <T> Page<T> shown(Page<T> found) {
    return problem.isPresent() ? new Page<>(List.of(), found.request(), 0) : found;
  }

  /** The address of another page of this search. */
  String link(String path, String number) {
    return Urls.withQuery(path, Map.of("q", typed, "page", number));
  }
}
