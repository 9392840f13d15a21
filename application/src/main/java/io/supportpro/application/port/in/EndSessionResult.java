package io.supportpro.application.port.in;

/** What came of ending sessions. */
public sealed interface EndSessionResult {
  /** The sessions were ended; {@code count} of them. */
  record Ended(int count) implements EndSessionResult {}

  /** No such session is live (any more), or the viewer's own session ended meanwhile. */
  record NotFound() implements EndSessionResult {}

  /** The viewer may not end another operator's sessions. */
  record NotAllowed() implements EndSessionResult {}
}
