package io.supportpro.domain.secondfactor;

import java.util.Objects;

/**
 * How the page of a second factor asks for its code.
 *
 * <p>Each text is either written out or a key of the words of the method that asks: a plugin's
 * bundle, or the panel's own bundle for the built-in authenticator app.
 *
 * @param title the page's heading, such as "Two-factor authentication"
 * @param instructions one or two sentences on where the code comes from
 * @param label the field's label
 */
public record CodeField(String title, String instructions, String label) {
  public CodeField {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(instructions, "instructions");
    Objects.requireNonNull(label, "label");
  }
}
