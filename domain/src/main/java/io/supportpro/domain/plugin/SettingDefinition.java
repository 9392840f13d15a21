package io.supportpro.domain.plugin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One setting a plugin asks for: its key, how it is shown, whether it is secret (write-only,
 * encrypted at rest, never shown or logged), its default, the choices that an administrator must
 * confirm before saving (each with the consequence the plugin words for it), whether everyone must
 * fill it in, whether only some deployments need it (advanced), and the words describing each
 * choice.
 */
public record SettingDefinition(
    String key,
    String label,
    String help,
    Kind kind,
    String defaultValue,
    List<String> choices,
    Map<String, String> confirmations,
    boolean required,
    boolean advanced,
    Map<String, ChoiceDescription> descriptions) {
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** The longest consequence a plugin may word for a choice. */
  public static final int MAX_CONSEQUENCE_LENGTH = 500;

  /** The longest name a plugin may give a choice. */
  public static final int MAX_CHOICE_LABEL_LENGTH = 100;

  /** How a setting is entered. */
  public enum Kind {
    TEXT,
    SECRET,
    CHOICE,
    NUMBER
  }

  /** What a choice is called and what choosing it means, as the plugin words them. */
  public record ChoiceDescription(String label, String description) {
    public ChoiceDescription {
      label = Objects.requireNonNull(label, "label").strip();
      description = Objects.requireNonNull(description, "description").strip();
      if (label.isEmpty()
          || label.length() > MAX_CHOICE_LABEL_LENGTH
          || description.length() > MAX_CONSEQUENCE_LENGTH) {
        throw new IllegalArgumentException(
            "A choice is named in 1 to "
                + MAX_CHOICE_LABEL_LENGTH
                + " characters and described in at most "
                + MAX_CONSEQUENCE_LENGTH
                + ".");
      }
    }
  }

  public SettingDefinition {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(help, "help");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(defaultValue, "defaultValue");
    choices = List.copyOf(choices);
    confirmations = Map.copyOf(confirmations);
    descriptions = Map.copyOf(descriptions);
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("A setting key has lower-case letters, digits and _.");
    }
    if ((kind == Kind.CHOICE) == choices.isEmpty()) {
      throw new IllegalArgumentException("Only a choice setting has choices, and it needs some.");
    }
    if (kind == Kind.CHOICE && !choices.contains(defaultValue)) {
      throw new IllegalArgumentException("The default of a choice setting is one of its choices.");
    }
    if (kind == Kind.SECRET && !defaultValue.isEmpty()) {
      throw new IllegalArgumentException("A secret setting has no default.");
    }
    for (var confirmation : confirmations.entrySet()) {
      String consequence = confirmation.getValue().strip();
      if (!choices.contains(confirmation.getKey())
          || consequence.isEmpty()
          || consequence.length() > MAX_CONSEQUENCE_LENGTH) {
        throw new IllegalArgumentException(
            "Only a setting's choices need confirming, each with a consequence of 1 to "
                + MAX_CONSEQUENCE_LENGTH
                + " characters.");
      }
    }
    if (!choices.containsAll(descriptions.keySet())) {
      throw new IllegalArgumentException("Only a setting's choices are described.");
    }
  }

  /**
   * An optional setting, shown with the others, whose every value is saved without asking and whose
   * choices are shown by their values.
   */
  public SettingDefinition(
      String key, String label, String help, Kind kind, String defaultValue, List<String> choices) {
    this(key, label, help, kind, defaultValue, choices, Map.of(), false, false, Map.of());
  }

  /**
   * The same setting, with saving {@code choice} where another was saved asked for first, stating
   * the {@code consequence}.
   */
  public SettingDefinition confirming(String choice, String consequence) {
    var all = new HashMap<>(confirmations);
    all.put(choice, consequence);
    return new SettingDefinition(
        key, label, help, kind, defaultValue, choices, all, required, advanced, descriptions);
  }

  /** The same setting, marked as one that everyone must fill in. */
  public SettingDefinition asRequired() {
    return new SettingDefinition(
        key, label, help, kind, defaultValue, choices, confirmations, true, advanced, descriptions);
  }

  /**
   * The same setting, marked as one that only some deployments need, which the settings page may
   * keep out of the way.
   */
  public SettingDefinition asAdvanced() {
    return new SettingDefinition(
        key, label, help, kind, defaultValue, choices, confirmations, required, true, descriptions);
  }

  /** The same setting, with {@code choice} called {@code choiceLabel} and described. */
  public SettingDefinition describing(String choice, String choiceLabel, String description) {
    var all = new HashMap<>(descriptions);
    all.put(choice, new ChoiceDescription(choiceLabel, description));
    return new SettingDefinition(
        key, label, help, kind, defaultValue, choices, confirmations, required, advanced, all);
  }

  /**
   * What saving {@code value} in the place of another means, when the plugin asks to confirm it.
   */
  public Optional<String> consequenceOf(String value) {
    return Optional.ofNullable(confirmations.get(value));
  }

  /** True when every choice of the setting is described, so that it can be shown as such. */
  public boolean describedChoices() {
    return kind == Kind.CHOICE && descriptions.keySet().containsAll(choices);
  }

  /** True when the value is write-only, encrypted at rest and never shown. */
  public boolean secret() {
    return kind == Kind.SECRET;
  }
}
