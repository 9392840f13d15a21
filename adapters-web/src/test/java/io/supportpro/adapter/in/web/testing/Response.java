package io.supportpro.adapter.in.web.testing;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;

/** An answer of the panel as a test sees it. */
public record Response(int status, HttpHeaders headers, String body) {
  /** The first value of the header. */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** Where a redirect points. */
  public Optional<String> location() {
    return header("Location");
  }

  /** Every {@code Set-Cookie} header, as sent. */
  public List<String> setCookies() {
    return headers.allValues("Set-Cookie");
  }

  /** The {@code Set-Cookie} header for the named cookie, as sent. */
  public Optional<String> setCookie(String name) {
    return setCookies().stream().filter(line -> line.startsWith(name + "=")).findFirst();
  }

  /** The page's text without markup, with entities decoded and whitespace collapsed. */
  public String text() {
    return Html.text(body);
  }

  @Override
  public String toString() {
    return "Response[" + status + ", " + headers.map() + "]";
  }
}
