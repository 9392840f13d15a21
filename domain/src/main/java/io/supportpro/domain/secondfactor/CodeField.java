package io.supportpro.domain.secondfactor;

import java.util.Objects;

/**
 * How the page of a second factor asks for its code.
 *
 * @param title the page's heading, such as "Two-factor authentication"
 * @param instructions one or two sentences on where the code comes from
 * @param label the field's label
 */
public record CodeField(String title, String instructions, String label) {
  /** The built-in authenticator app, whose page also takes a recovery code. */
  public static final CodeField AUTHENTICATOR_APP =
      new CodeField(
          "Two-factor authentication",
          "Enter the 6-digit code that your authenticator app shows for SupportPro. If you cannot"
              + " use the app, enter one of your recovery codes instead.",
          "Authentication code or recovery code");

  public CodeField {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(instructions, "instructions");
    Objects.requireNonNull(label, "label");
  }
}
