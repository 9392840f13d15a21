package io.supportpro.adapter.in.web;

/**
 * What the layout shows about the person looking at a page: their name, whether they get the
 * administration menu, and the token the Sign out form carries.
 */
record Viewer(
    String displayName, String username, boolean signedIn, boolean administrator, String csrf) {
  static Viewer of(Visitor visitor) {
    return new Viewer(
        visitor.operator().displayName().value(),
        visitor.operator().username().value(),
        visitor.session().signedIn(),
        visitor.session().signedIn() && visitor.operator().isAdministrator(),
        visitor.session().csrfToken());
  }
}
