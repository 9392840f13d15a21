package io.supportpro.domain.plugin;

import io.supportpro.domain.InvalidValueException;
import io.supportpro.domain.Problem;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.OperatorSearch;
import io.supportpro.domain.operator.Role;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which operators a plugin's operators page lists and a change of many covers: a text that begins a
 * word of the username, e-mail address or display name ({@link OperatorSearch}), whether the plugin
 * is enabled for them, their role, whether they are active, and, for a selection, their identities.
 */
public record PluginOperatorFilter(
    String text,
    Status status,
    Optional<Role> role,
    Optional<Boolean> active,
    Optional<Set<OperatorId>> among) {
  /** The longest search text; longer text matches no stored name anyway. */
  public static final int MAX_TEXT_LENGTH = 254;

  /** The most operators a selection may name: one page of the listing. */
  public static final int MAX_SELECTED = 200;

  /** Every operator. */
  public static final PluginOperatorFilter EVERYONE =
      new PluginOperatorFilter(
          "", Status.ALL, Optional.empty(), Optional.empty(), Optional.empty());

  /** Whether the plugin is enabled for the operators listed. */
  public enum Status {
    ALL,
    ENABLED,
    NOT_ENABLED
  }

  public PluginOperatorFilter {
    text = OperatorSearch.fold(Objects.requireNonNull(text, "text"));
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new InvalidValueException(
          Problem.Code.SEARCH_TOO_LONG,
          "A search has at most " + MAX_TEXT_LENGTH + " characters.",
          MAX_TEXT_LENGTH);
    }
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(active, "active");
    among = Objects.requireNonNull(among, "among").map(Set::copyOf);
    if (among.isPresent() && among.get().size() > MAX_SELECTED) {
      throw new InvalidValueException(
          Problem.Code.SELECTION_TOO_LARGE,
          "At most " + MAX_SELECTED + " operators can be selected at once.",
          MAX_SELECTED);
    }
  }

  /** The same filter narrowed to the selected operators. */
  public PluginOperatorFilter among(Set<OperatorId> selected) {
    return new PluginOperatorFilter(text, status, role, active, Optional.of(selected));
  }

  /** Whether the operator, for whom the plugin is enabled or not, is covered. */
  public boolean matches(Operator operator, boolean enabled) {
    return OperatorSearch.matches(operator, text)
        && switch (status) {
          case ALL -> true;
          case ENABLED -> enabled;
          case NOT_ENABLED -> !enabled;
        }
        && role.map(r -> r == operator.role()).orElse(true)
        && active.map(a -> a == operator.active()).orElse(true)
        && among.map(ids -> ids.contains(operator.id())).orElse(true);
  }
}
