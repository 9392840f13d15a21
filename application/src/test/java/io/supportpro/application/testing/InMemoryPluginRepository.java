package io.supportpro.application.testing;

import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Plugin states and data kept in memory, for tests of the core. */
public final class InMemoryPluginRepository implements PluginRepository {
  private record OperatorKey(PluginId plugin, OperatorId operator, String key) {}

  private final Map<PluginId, PluginState> states = new HashMap<>();
  private final Map<PluginId, PluginSettings> settings = new HashMap<>();
  private final Map<OperatorKey, String> operatorValues = new HashMap<>();

  @Override
  public synchronized Map<PluginId, PluginState> installed() {
    return Map.copyOf(states);
  }

  @Override
  public synchronized PluginState state(PluginId plugin) {
    return states.getOrDefault(plugin, PluginState.AVAILABLE);
  }

  @Override
  public synchronized boolean transition(PluginId plugin, PluginState expected, PluginState next) {
    if (state(plugin) != expected) {
      return false;
    }
    if (next == PluginState.AVAILABLE) {
      states.remove(plugin);
      settings.remove(plugin);
      operatorValues.keySet().removeIf(k -> k.plugin().equals(plugin));
    } else {
      states.put(plugin, next);
    }
    return true;
  }

  @Override
  public synchronized PluginSettings settings(PluginId plugin) {
    return settings.getOrDefault(plugin, PluginSettings.EMPTY);
  }

  @Override
  public synchronized boolean saveSettingsIfActive(PluginId plugin, PluginSettings saved) {
    if (state(plugin) != PluginState.ACTIVE) {
      return false;
    }
    settings.put(plugin, saved);
    return true;
  }

  @Override
  public synchronized Optional<String> operatorValue(
      PluginId plugin, OperatorId operator, String key) {
    return Optional.ofNullable(operatorValues.get(new OperatorKey(plugin, operator, key)));
  }

  @Override
  public synchronized Map<OperatorId, String> operatorValues(
      PluginId plugin, String key, Collection<OperatorId> operators) {
    Map<OperatorId, String> values = new HashMap<>();
    for (OperatorId operator : operators) {
      String value = operatorValues.get(new OperatorKey(plugin, operator, key));
      if (value != null) {
        values.put(operator, value);
      }
    }
    return values;
  }

  @Override
  public synchronized boolean setOperatorValueIfActive(
      PluginId plugin, OperatorId operator, String key, Optional<String> value) {
    if (state(plugin) != PluginState.ACTIVE) {
      return false;
    }
    var k = new OperatorKey(plugin, operator, key);
    value.ifPresentOrElse(v -> operatorValues.put(k, v), () -> operatorValues.remove(k));
    return true;
  }
}
