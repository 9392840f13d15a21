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

  /** An error page with a status, a heading and a message fit for the person reading it. */
  static Halt page(int status, String heading, String message) {
    return new ErrorPage(status, heading, message, null, null);
  }

  /** An error page that also offers the way on, such as the page to start again from. */
  static Halt page(int status, String heading, String message, String link, String linkLabel) {
    return new ErrorPage(status, heading, message, link, linkLabel);
  }

  /** A 400 page for a request the panel cannot read or accept. */
  static Halt badRequest(String message) {
    return page(400, "That request could not be handled", message);
  }

  /** A 404 page. */
  static Halt notFound() {
    return page(404, "Page not found", "There is nothing at this address.");
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
    private final String heading;
    private final String detail;
    private final String link;
    private final String linkLabel;

    private ErrorPage(int status, String heading, String detail, String link, String linkLabel) {
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

    String heading() {
      return heading;
    }

    String detail() {
      return detail;
    }

    /** Where the page offers to go on, or null. */
    String link() {
      return link;
    }

    String linkLabel() {
      return linkLabel;
    }
  }
}
