package io.supportpro.application.port.out;

import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Stores which plugins are installed, in which state, with their settings and per-operator data.
 * Every change is atomic, so concurrent administrators (on any instance) always leave a legal
 * state.
 */
public interface PluginRepository {
  /** The state of every installed plugin; a plugin absent from the map is available. */
  Map<PluginId, PluginState> installed();

  /** The state of one plugin ({@link PluginState#AVAILABLE} when it is not installed). */
  PluginState state(PluginId plugin);

  /**
   * Moves the plugin from {@code expected} to {@code next} if it is still in {@code expected}, and
   * tells whether it did. Moving from available creates the installed record with no settings;
   * moving to available deletes the installed record, the settings and the per-operator data
   * together, in one transaction.
   */
  boolean transition(PluginId plugin, PluginState expected, PluginState next);

  /** The saved settings of the plugin (empty when it has none or is not installed). */
  PluginSettings settings(PluginId plugin);

  /** Replaces the saved settings if the plugin is active, and tells whether it did. */
  boolean saveSettingsIfActive(PluginId plugin, PluginSettings settings);

  /** A value the plugin keeps for one operator. */
  Optional<String> operatorValue(PluginId plugin, OperatorId operator, String key);

  /** The values of one key that the plugin keeps for any of these operators, in one query. */
  Map<OperatorId, String> operatorValues(
      PluginId plugin, String key, Collection<OperatorId> operators);

  /**
   * Sets (or, when empty, removes) a value the plugin keeps for one operator, if the plugin is
   * active, and tells whether it did.
   */
  boolean setOperatorValueIfActive(
      PluginId plugin, OperatorId operator, String key, Optional<String> value);

  /**
   * Operators the filter covers, ordered by username, then identity, a page at a time as {@link
   * OperatorRepository#search} pages; the filter's status asks whether the plugin keeps {@code
   * marker} for them.
   */
  KeysetPage<Operator> operators(
      PluginId plugin, Marker marker, PluginOperatorFilter filter, KeysetRequest page);

  /**
   * How many operators the filter covers, counting no further than {@code limit}: the smaller of
   * their number and {@code limit}, so that a count of many reads no more rows than it needs.
   */
  long count(PluginId plugin, Marker marker, PluginOperatorFilter filter, long limit);

  /**
   * Sets {@code marker} (or, when {@code marked} is false, removes any value of its key) for every
   * operator the filter covers, as a whole, if the plugin is active: one transaction that no
   * transition runs during. Empty when the plugin is not active, else how many operators changed.
   */
  OptionalLong markIfActive(
      PluginId plugin, Marker marker, PluginOperatorFilter filter, boolean marked);

  /** A value the plugin keeps for an operator to say something of them, such as "enabled". */
  record Marker(String key, String value) {
    public Marker {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }
}
