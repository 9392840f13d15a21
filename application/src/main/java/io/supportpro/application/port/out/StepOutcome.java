package io.supportpro.application.port.out;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/** What a second-factor method reports: how a step began, or how it ended. */
public final class StepOutcome {
  private StepOutcome() {}

  /** How starting a prompt went. */
  public sealed interface Started permits Prompt, Refused, Unavailable {}

  /** How checking a code or a prompt's answer went. */
  public sealed interface Checked permits Passed, Refused, Unavailable {}

  /**
   * Send the browser to {@code location}. {@code subject} is the name the provider was asked to
   * confirm, kept with the state and handed back when the browser returns.
   */
  public record Prompt(URI location, String subject) implements Started {
    public Prompt {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(subject, "subject");
    }
  }

  /** The factor was passed; {@code details} go to the audit log (never secrets). */
  public record Passed(Map<String, String> details) implements Checked {
    public Passed {
      details = Map.copyOf(details);
    }
  }

  /**
   * The factor was not passed: a wrong code, a denial, an answer that does not verify, settings the
   * provider refuses. {@code reason} is a short word for the audit log, {@code message} a sentence
   * for the operator, {@code detail} for the audit log and the server's log only.
   */
  public record Refused(String reason, String message, String detail) implements Started, Checked {
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * The provider is down, cannot be reached or turns requests away for now. {@code failOpen} says
   * that the method's settings let the operator in with the password only in this case, which the
   * panel honours only before the browser was sent to a prompt.
   */
  public record Unavailable(String reason, String message, String detail, boolean failOpen)
      implements Started, Checked {
    public Unavailable {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
