package io.supportpro.adapter.in.web;

/**
 * Ends a request at once with a redirect or an error page; thrown by the request guard and by
 * handlers, and answered by {@link ErrorPages}.
 */
abstract sealed class Halt extends RuntimeException permits Halt.SeeOther, Halt.ErrorPage {
  private Halt(String description) {
    // Control flow, not a failure: no stack trace to fill in or to log.
    super(description, null, false, false);
  }

  /** A 303 to another page of the panel. */
  static Halt seeOther(String location) {
    return new SeeOther(location);
  }

  /**
   * An error page with a status, a heading and a message fit for the person reading it, named by
   * their keys in the message bundles.
   */
  static Halt page(int status, String headingKey, Phrase message) {
    return new ErrorPage(status, Phrase.of(headingKey), message, null, null);
  }

  /** An error page that also offers the way on, such as the page to start again from. */
  static Halt page(int status, Phrase heading, Phrase message, String link, Phrase linkLabel) {
    return new ErrorPage(status, heading, message, link, linkLabel);
  }

  /** A 400 page for a request the panel cannot read or accept. */
  static Halt badRequest(Phrase message) {
    return page(400, "error.bad-request.title", message);
  }

  /** A 400 page whose message is the text of a key. */
  static Halt badRequest(String messageKey, Object... arguments) {
    return badRequest(Phrase.of(messageKey, arguments));
  }

  /** A 404 page. */
  static Halt notFound() {
    return page(404, "error.not-found.title", Phrase.of("error.not-found.message"));
  }

  /** Send the browser to another page. */
  static final class SeeOther extends Halt {
    private final String location;

    private SeeOther(String location) {
      super("see other");
      this.location = location;
    }

    String location() {
      return location;
    }
  }

  /** Show an error page. */
  static final class ErrorPage extends Halt {
    private final int status;
    private final Phrase heading;
    private final Phrase detail;
    private final String link;
    private final Phrase linkLabel;

    private ErrorPage(int status, Phrase heading, Phrase detail, String link, Phrase linkLabel) {
      super("error page " + status);
      this.status = status;
      this.heading = heading;
      this.detail = detail;
      this.link = link;
      this.linkLabel = linkLabel;
    }

    int status() {
      return status;
    }

    Phrase heading() {
      return heading;
    }

    Phrase detail() {
      return detail;
    }

    /** Where the page offers to go on, or null. */
    String link() {
      return link;
    }

    /** The link's words, or null without a link. */
    Phrase linkLabel() {
      return linkLabel;
    }
  }
}
