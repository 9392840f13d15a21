package io.supportpro.adapter.in.web;

/**
 * Where to send an operator after sign-in: only a path on this site, so that the sign-in pages
 * cannot be used to redirect anyone elsewhere.
 */
final class SafeNext {
  static final String HOME = "/";
  static final int MAX_LENGTH = 2_000;

  private SafeNext() {}

  /** The target if it is a plain path on this site, else the home page. */
  static String of(String candidate) {
    if (candidate == null
        || candidate.isEmpty()
        || candidate.length() > MAX_LENGTH
        || candidate.charAt(0) != '/') {
      return HOME;
    }
    // "//host" and "/\host" are read by browsers as another site.
    if (candidate.length() > 1 && (candidate.charAt(1) == '/' || candidate.charAt(1) == '\\')) {
      return HOME;
    }
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      // Visible ASCII only: no controls, spaces or backslashes that browsers might "repair".
      if (c <= 0x20 || c >= 0x7f || c == '\\') {
        return HOME;
      }
    }
    return candidate;
  }

  /** The query string that carries a target through the sign-in steps, or nothing for home. */
  static String asQuery(String next) {
    return HOME.equals(next) ? "" : "?next=" + Urls.encode(next);
  }
}
