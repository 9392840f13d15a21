package io.supportpro.application.testing;

import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.page.Cursor;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import io.supportpro.domain.page.PageRequest;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Plugin states and data kept in memory, for tests of the core. */
public final class InMemoryPluginRepository implements PluginRepository {
  private record OperatorKey(PluginId plugin, OperatorId operator, String key) {}

  private final Map<PluginId, PluginState> states = new HashMap<>();
  private final Map<PluginId, PluginSettings> settings = new HashMap<>();
  private final Map<OperatorKey, String> operatorValues = new HashMap<>();
  private final OperatorRepository operators;

  /** A repository whose filters see the operators of {@code operators}. */
  public InMemoryPluginRepository(OperatorRepository operators) {
    this.operators = operators;
  }

  /** A repository for tests that never list or change operators by a filter. */
  public InMemoryPluginRepository() {
    this(new InMemoryOperatorRepository());
  }

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

  @Override
  public synchronized KeysetPage<Operator> operators(
      PluginId plugin, Marker marker, PluginOperatorFilter filter, KeysetRequest page) {
    return OperatorPages.page(matching(plugin, marker, filter), page);
  }

  @Override
  public synchronized long count(
      PluginId plugin, Marker marker, PluginOperatorFilter filter, long limit) {
    return Math.min(matching(plugin, marker, filter).size(), limit);
  }

  @Override
  public synchronized OptionalLong markIfActive(
      PluginId plugin, Marker marker, PluginOperatorFilter filter, boolean marked) {
    if (state(plugin) != PluginState.ACTIVE) {
      return OptionalLong.empty();
    }
    long changed = 0;
    for (Operator operator : matching(plugin, marker, filter)) {
      var k = new OperatorKey(plugin, operator.id(), marker.key());
      String before = marked ? operatorValues.put(k, marker.value()) : operatorValues.remove(k);
      if (marked ? !marker.value().equals(before) : before != null) {
        changed++;
      }
    }
    return OptionalLong.of(changed);
  }

  /**
   * Every operator the filter covers, ordered by username, as the operator repository holds them.
   */
  private List<Operator> matching(PluginId plugin, Marker marker, PluginOperatorFilter filter) {
    List<Operator> matching = new ArrayList<>();
    var request = KeysetRequest.first(PageRequest.MAX_SIZE);
    KeysetPage<Operator> page;
    do {
      page = operators.search("", request);
      for (Operator operator : page.items()) {
        boolean marked =
            marker
                .value()
                .equals(operatorValues.get(new OperatorKey(plugin, operator.id(), marker.key())));
        if (filter.matches(operator, marked)) {
          matching.add(operator);
        }
      }
      if (page.hasNext()) {
        Operator last = page.items().getLast();
        request = KeysetRequest.at(last.position(Cursor.Direction.AFTER), request.size());
      }
    } while (page.hasNext());
    return matching;
  }
}
