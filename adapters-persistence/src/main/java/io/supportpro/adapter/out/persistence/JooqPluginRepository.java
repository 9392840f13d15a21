package io.supportpro.adapter.out.persistence;

import static io.supportpro.adapter.out.persistence.SqlErrors.guard;
import static io.supportpro.adapter.out.persistence.jooq.Tables.INSTALLED_PLUGIN;
import static io.supportpro.adapter.out.persistence.jooq.Tables.OPERATOR;
import static io.supportpro.adapter.out.persistence.jooq.Tables.PLUGIN_OPERATOR_VALUE;
import static io.supportpro.adapter.out.persistence.jooq.Tables.PLUGIN_SETTING;

import io.supportpro.adapter.out.persistence.jooq.tables.PluginOperatorValue;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import io.supportpro.domain.plugin.PluginOperatorFilter.Status;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.SettingValue;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Plugin states, settings and per-operator values in {@code installed_plugin}, {@code
 * plugin_setting} and {@code plugin_operator_value}.
 *
 * <p>Every change is one statement whose condition checks the expected state, or one transaction
 * that first locks the plugin's {@code installed_plugin} row. Taking that lock first, everywhere,
 * makes concurrent changes (also from other processes sharing the database) queue up in one order:
 * a write that checked "active" commits before an uninstall deletes, or sees the plugin gone.
 */
final class JooqPluginRepository implements PluginRepository {
  private static final int MAX_KEY_LENGTH = 64;
  private static final int MAX_SETTING_LENGTH = 8192;
  private static final int MAX_OPERATOR_VALUE_LENGTH = 1000;
  private static final int IN_LIST_CHUNK = 1000;
  private static final long STATISTICS_REFRESH_ROWS = 1000;
  private static final int LOOKED_UP_ONE_BY_ONE = 10_000;

  private final DSLContext dsl;

  JooqPluginRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  @Override
  public Map<PluginId, PluginState> installed() {
    return guard(
        "listing installed plugins",
        () -> {
          Map<PluginId, PluginState> states = new HashMap<>();
          dsl.select(INSTALLED_PLUGIN.PLUGIN_ID, INSTALLED_PLUGIN.STATE)
              .from(INSTALLED_PLUGIN)
              .forEach(r -> states.put(new PluginId(r.value1()), PluginState.valueOf(r.value2())));
          return Map.copyOf(states);
        });
  }

  @Override
  public PluginState state(PluginId plugin) {
    Objects.requireNonNull(plugin, "plugin");
    return guard(
        "reading a plugin's state",
        () ->
            dsl.select(INSTALLED_PLUGIN.STATE)
                .from(INSTALLED_PLUGIN)
                .where(INSTALLED_PLUGIN.PLUGIN_ID.eq(plugin.value()))
                .fetchOptional(INSTALLED_PLUGIN.STATE)
                .map(PluginState::valueOf)
                .orElse(PluginState.AVAILABLE));
  }

  @Override
  public boolean transition(PluginId plugin, PluginState expected, PluginState next) {
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(next, "next");
    return guard(
        "changing a plugin's state",
        () -> {
          if (!expected.isInstalled()) {
            return next.isInstalled() ? install(plugin, next) : state(plugin) == expected;
          }
          if (!next.isInstalled()) {
            return uninstall(plugin, expected);
          }
          return dsl.update(INSTALLED_PLUGIN)
                  .set(INSTALLED_PLUGIN.STATE, next.name())
                  .where(INSTALLED_PLUGIN.PLUGIN_ID.eq(plugin.value()))
                  .and(INSTALLED_PLUGIN.STATE.eq(expected.name()))
                  .execute()
              == 1;
        });
  }

  /** Creates the installed record; the primary key makes exactly one concurrent install win. */
  private boolean install(PluginId plugin, PluginState state) {
    try {
      dsl.insertInto(INSTALLED_PLUGIN)
          .set(INSTALLED_PLUGIN.PLUGIN_ID, plugin.value())
          .set(INSTALLED_PLUGIN.STATE, state.name())
          .execute();
      return true;
    } catch (DataAccessException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  /** Deletes the plugin's data and its installed record together, if it is still as expected. */
  private boolean uninstall(PluginId plugin, PluginState expected) {
    return dsl.transactionResult(
        configuration -> {
          DSLContext tx = DSL.using(configuration);
          Optional<String> current =
              tx.select(INSTALLED_PLUGIN.STATE)
                  .from(INSTALLED_PLUGIN)
                  .where(INSTALLED_PLUGIN.PLUGIN_ID.eq(plugin.value()))
                  .forUpdate()
                  .fetchOptional(INSTALLED_PLUGIN.STATE);
          if (!current.equals(Optional.of(expected.name()))) {
            return false;
          }
          tx.deleteFrom(PLUGIN_OPERATOR_VALUE)
              .where(PLUGIN_OPERATOR_VALUE.PLUGIN_ID.eq(plugin.value()))
              .execute();
          tx.deleteFrom(PLUGIN_SETTING)
              .where(PLUGIN_SETTING.PLUGIN_ID.eq(plugin.value()))
              .execute();
          tx.deleteFrom(INSTALLED_PLUGIN)
              .where(INSTALLED_PLUGIN.PLUGIN_ID.eq(plugin.value()))
              .execute();
          return true;
        });
  }

  /**
   * Makes the change in one transaction while the plugin is active, holding its row lock so that no
   * transition runs meanwhile; empty when the plugin is not active, else what the change answers.
   */
  private <T> Optional<T> changeIfActive(
      String what, PluginId plugin, Function<DSLContext, T> change) {
    return guard(
        what,
        () ->
            dsl.transactionResult(
                configuration -> {
                  DSLContext tx = DSL.using(configuration);
                  if (!lockIfActive(tx, plugin)) {
                    return Optional.<T>empty();
                  }
                  return Optional.of(change.apply(tx));
                }));
  }

  private static boolean lockIfActive(DSLContext tx, PluginId plugin) {
    return tx.select(INSTALLED_PLUGIN.PLUGIN_ID)
        .from(INSTALLED_PLUGIN)
        .where(INSTALLED_PLUGIN.PLUGIN_ID.eq(plugin.value()))
        .and(INSTALLED_PLUGIN.STATE.eq(PluginState.ACTIVE.name()))
        .forUpdate()
        .fetchOptional()
        .isPresent();
  }

  @Override
  public PluginSettings settings(PluginId plugin) {
    Objects.requireNonNull(plugin, "plugin");
    return guard(
        "reading a plugin's settings",
        () -> {
          Map<String, SettingValue> values = new HashMap<>();
          dsl.select(
                  PLUGIN_SETTING.SETTING_KEY, PLUGIN_SETTING.SETTING_VALUE, PLUGIN_SETTING.SECRET)
              .from(PLUGIN_SETTING)
              .where(PLUGIN_SETTING.PLUGIN_ID.eq(plugin.value()))
              .forEach(r -> values.put(r.value1(), new SettingValue(r.value2(), r.value3())));
          return values.isEmpty() ? PluginSettings.EMPTY : new PluginSettings(values);
        });
  }

  @Override
  public boolean saveSettingsIfActive(PluginId plugin, PluginSettings settings) {
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(settings, "settings");
    settings
        .values()
        .forEach(
            (key, value) -> {
              checkKey(key);
              checkLength(value.value(), MAX_SETTING_LENGTH, "A setting value");
            });
    return changeIfActive(
            "saving a plugin's settings",
            plugin,
            tx -> {
              tx.deleteFrom(PLUGIN_SETTING)
                  .where(PLUGIN_SETTING.PLUGIN_ID.eq(plugin.value()))
                  .execute();
              if (!settings.values().isEmpty()) {
                var insert =
                    tx.insertInto(
                        PLUGIN_SETTING,
                        PLUGIN_SETTING.PLUGIN_ID,
                        PLUGIN_SETTING.SETTING_KEY,
                        PLUGIN_SETTING.SETTING_VALUE,
                        PLUGIN_SETTING.SECRET);
                for (var entry : settings.values().entrySet()) {
                  insert =
                      insert.values(
                          plugin.value(),
                          entry.getKey(),
                          entry.getValue().value(),
                          entry.getValue().secret());
                }
                insert.execute();
              }
              return true;
            })
        .isPresent();
  }

  @Override
  public Optional<String> operatorValue(PluginId plugin, OperatorId operator, String key) {
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(key, "key");
    return guard(
        "reading a plugin's value for an operator",
        () ->
            dsl.select(PLUGIN_OPERATOR_VALUE.VALUE_TEXT)
                .from(PLUGIN_OPERATOR_VALUE)
                .where(PLUGIN_OPERATOR_VALUE.PLUGIN_ID.eq(plugin.value()))
                .and(PLUGIN_OPERATOR_VALUE.OPERATOR_ID.eq(operator.value()))
                .and(PLUGIN_OPERATOR_VALUE.VALUE_KEY.eq(key))
                .fetchOptional(PLUGIN_OPERATOR_VALUE.VALUE_TEXT));
  }

  /**
   * Read by operator alone, from the {@code operator_id} index, in chunks that stay well under the
   * databases' limits on bind values; the plugin and the key are picked out here. Given them in the
   * query as well, H2 reads the ({@code plugin_id, value_key}) prefix of another index instead,
   * which is every operator's value of the key: about 100 ms per page at 100,000 operators.
   */
  @Override
  public Map<OperatorId, String> operatorValues(
      PluginId plugin, String key, Collection<OperatorId> operators) {
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(key, "key");
    List<UUID> ids =
        Objects.requireNonNull(operators, "operators").stream()
            .map(OperatorId::value)
            .distinct()
            .toList();
    return guard(
        "reading a plugin's values for operators",
        () -> {
          Map<OperatorId, String> values = new HashMap<>();
          for (int from = 0; from < ids.size(); from += IN_LIST_CHUNK) {
            dsl.select(
                    PLUGIN_OPERATOR_VALUE.PLUGIN_ID,
                    PLUGIN_OPERATOR_VALUE.VALUE_KEY,
                    PLUGIN_OPERATOR_VALUE.OPERATOR_ID,
                    PLUGIN_OPERATOR_VALUE.VALUE_TEXT)
                .from(PLUGIN_OPERATOR_VALUE)
                .where(
                    PLUGIN_OPERATOR_VALUE.OPERATOR_ID.in(
                        ids.subList(from, Math.min(ids.size(), from + IN_LIST_CHUNK))))
                .forEach(
                    r -> {
                      if (r.value1().equals(plugin.value()) && r.value2().equals(key)) {
                        values.put(new OperatorId(r.value3()), r.value4());
                      }
                    });
          }
          return Map.copyOf(values);
        });
  }

  @Override
  public boolean setOperatorValueIfActive(
      PluginId plugin, OperatorId operator, String key, Optional<String> value) {
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(operator, "operator");
    checkKey(key);
    Objects.requireNonNull(value, "value")
        .ifPresent(
            v -> checkLength(v, MAX_OPERATOR_VALUE_LENGTH, "A plugin's value for an operator"));
    UUID operatorId = operator.value();
    try {
      return changeIfActive(
              "saving a plugin's value for an operator",
              plugin,
              tx -> {
                var row =
                    PLUGIN_OPERATOR_VALUE
                        .PLUGIN_ID
                        .eq(plugin.value())
                        .and(PLUGIN_OPERATOR_VALUE.OPERATOR_ID.eq(operatorId))
                        .and(PLUGIN_OPERATOR_VALUE.VALUE_KEY.eq(key));
                if (value.isEmpty()) {
                  tx.deleteFrom(PLUGIN_OPERATOR_VALUE).where(row).execute();
                  return true;
                }
                // Writers of this plugin's values hold its row lock, so update-then-insert
                // cannot race another insert of the same key.
                int updated =
                    tx.update(PLUGIN_OPERATOR_VALUE)
                        .set(PLUGIN_OPERATOR_VALUE.VALUE_TEXT, value.get())
                        .where(row)
                        .execute();
                if (updated == 0) {
                  tx.insertInto(PLUGIN_OPERATOR_VALUE)
                      .set(PLUGIN_OPERATOR_VALUE.PLUGIN_ID, plugin.value())
                      .set(PLUGIN_OPERATOR_VALUE.OPERATOR_ID, operatorId)
                      .set(PLUGIN_OPERATOR_VALUE.VALUE_KEY, key)
                      .set(PLUGIN_OPERATOR_VALUE.VALUE_TEXT, value.get())
                      .execute();
                }
                return true;
              })
          .isPresent();
    } catch (IllegalStateException e) {
      if (SqlErrors.isForeignKeyViolation(e)) {
        throw new IllegalArgumentException("There is no operator " + operator + ".", e);
      }
      throw e;
    }
  }

  @Override
  public KeysetPage<Operator> operators(
      PluginId plugin, Marker marker, PluginOperatorFilter filter, KeysetRequest page) {
    Objects.requireNonNull(page, "page");
    Condition where = covered(plugin, marker, filter);
    return guard(
        "listing a plugin's operators", () -> JooqOperatorRepository.pageOf(dsl, where, page));
  }

  /**
   * An exact count is one {@code count(*)}; a limited one reads the identities of at most {@code
   * limit} operators and counts them here, so that a filter that covers 90,000 operators reads no
   * more than {@code limit} of them. (Counting them in a derived table, {@code SELECT count(*) FROM
   * (… LIMIT n)}, kept H2 from looking the search terms up in their index: seconds at 100,000
   * operators.) The exact count of every operator the plugin is enabled for counts the values
   * alone, from one index range on H2: each value belongs to an operator (the foreign key deletes
   * it with them), so reading the operators too would only cost a look-up for each.
   */
  @Override
  public long count(PluginId plugin, Marker marker, PluginOperatorFilter filter, long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("A count's limit cannot be below zero.");
    }
    Condition where = covered(plugin, marker, filter);
    return guard(
        "counting a plugin's operators",
        () -> {
          if (limit != Long.MAX_VALUE) {
            Condition found =
                lookedUpOneByOne(filter)
                    ? operatorsOf(filter).and(markedAsLookedUp(plugin, marker))
                    : where;
            return (long)
                dsl.select(OPERATOR.ID).from(OPERATOR).where(found).limit(limit).fetch().size();
          }
          if (filter.status() == Status.ENABLED && coversEveryOperator(filter)) {
            return (long)
                dsl.fetchCount(
                    PLUGIN_OPERATOR_VALUE, marking(PLUGIN_OPERATOR_VALUE, plugin, marker));
          }
          return (long) dsl.fetchCount(OPERATOR, where);
        });
  }

  /**
   * Whether PostgreSQL should count the operators the plugin is enabled for among a role or an
   * activity by looking each one's value up: when they are at most {@link #LOOKED_UP_ONE_BY_ONE}.
   * Given {@code EXISTS}, it prefers to read every value of the plugin and join (its estimates
   * price 90,000 values read in order below 2,000 look-ups), and under the limit it expects to stop
   * early, which a count that finds few never does: 130–160 ms for the administrators of 100,000
   * operators, against a few milliseconds looking up each one's value. A value compared as a scalar
   * subquery is looked up for each operator read, whatever the estimates; beyond that many
   * operators, the join is the better plan again, for a plugin enabled for few. Not for a search or
   * a selection: PostgreSQL would look the value up for each operator before asking whether the
   * search found it. H2 always looks the value up for each operator read.
   */
  private boolean lookedUpOneByOne(PluginOperatorFilter filter) {
    return dsl.dialect().family() == SQLDialect.POSTGRES
        && filter.status() == Status.ENABLED
        && filter.text().isEmpty()
        && filter.among().isEmpty()
        && (filter.role().isPresent() || filter.active().isPresent())
        && dsl.fetchCount(
                DSL.selectOne()
                    .from(OPERATOR)
                    .where(operatorsOf(filter))
                    .limit(LOOKED_UP_ONE_BY_ONE + 1))
            <= LOOKED_UP_ONE_BY_ONE;
  }

  /** The operator's value of the marker's key, looked up by the primary key, is the marker's. */
  private static Condition markedAsLookedUp(PluginId plugin, Marker marker) {
    var value = PLUGIN_OPERATOR_VALUE.as("marked");
    return DSL.field(
            DSL.select(value.VALUE_TEXT)
                .from(value)
                .where(value.PLUGIN_ID.eq(plugin.value()))
                .and(value.OPERATOR_ID.eq(OPERATOR.ID))
                .and(value.VALUE_KEY.eq(marker.key())))
        .eq(marker.value());
  }

  private static boolean coversEveryOperator(PluginOperatorFilter filter) {
    return filter.text().isEmpty()
        && filter.role().isEmpty()
        && filter.active().isEmpty()
        && filter.among().isEmpty();
  }

  /**
   * Set-based: enabling updates the rows of the key that hold another value and inserts the missing
   * ones with one {@code INSERT … SELECT}; disabling is one {@code DELETE … WHERE}; all under the
   * plugin's row lock.
   */
  @Override
  public OptionalLong markIfActive(
      PluginId plugin, Marker marker, PluginOperatorFilter filter, boolean marked) {
    checkKey(marker.key());
    checkLength(marker.value(), MAX_OPERATOR_VALUE_LENGTH, "A plugin's value for an operator");
    var coveredIds = DSL.select(OPERATOR.ID).from(OPERATOR).where(covered(plugin, marker, filter));
    Condition ofKey =
        PLUGIN_OPERATOR_VALUE
            .PLUGIN_ID
            .eq(plugin.value())
            .and(PLUGIN_OPERATOR_VALUE.VALUE_KEY.eq(marker.key()))
            .and(PLUGIN_OPERATOR_VALUE.OPERATOR_ID.in(coveredIds));
    return changeIfActive(
            "changing a plugin's value for many operators",
            plugin,
            tx -> {
              if (!marked) {
                return (long) tx.deleteFrom(PLUGIN_OPERATOR_VALUE).where(ofKey).execute();
              }
              long updated =
                  tx.update(PLUGIN_OPERATOR_VALUE)
                      .set(PLUGIN_OPERATOR_VALUE.VALUE_TEXT, marker.value())
                      .where(ofKey)
                      .and(PLUGIN_OPERATOR_VALUE.VALUE_TEXT.ne(marker.value()))
                      .execute();
              var any = PLUGIN_OPERATOR_VALUE.as("existing");
              long inserted =
                  tx.insertInto(
                          PLUGIN_OPERATOR_VALUE,
                          PLUGIN_OPERATOR_VALUE.PLUGIN_ID,
                          PLUGIN_OPERATOR_VALUE.OPERATOR_ID,
                          PLUGIN_OPERATOR_VALUE.VALUE_KEY,
                          PLUGIN_OPERATOR_VALUE.VALUE_TEXT)
                      .select(
                          DSL.select(
                                  DSL.val(plugin.value()),
                                  OPERATOR.ID,
                                  DSL.val(marker.key()),
                                  DSL.val(marker.value()))
                              .from(OPERATOR)
                              .where(covered(plugin, marker, filter))
                              .andNotExists(
                                  DSL.selectOne()
                                      .from(any)
                                      .where(any.PLUGIN_ID.eq(plugin.value()))
                                      .and(any.VALUE_KEY.eq(marker.key()))
                                      .and(any.OPERATOR_ID.eq(OPERATOR.ID))))
                      .execute();
              return updated + inserted;
            })
        .map(this::refreshStatisticsAfter)
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  /**
   * PostgreSQL plans from statistics that autovacuum refreshes only a minute or more after a large
   * change. Until then, after values were set for thousands of operators at once, the planner still
   * believes the values' table as small as it was, and the filtered counts of the operators page
   * read all of it again for every operator: minutes at 100,000 operators. Refreshing them at once
   * keeps those plans right; H2 refreshes its own as rows change.
   */
  private long refreshStatisticsAfter(long changed) {
    if (changed >= STATISTICS_REFRESH_ROWS && dsl.dialect().family() == SQLDialect.POSTGRES) {
      guard(
          "refreshing the statistics of plugins' values",
          () -> dsl.execute("ANALYZE " + PLUGIN_OPERATOR_VALUE.getName()));
    }
    return changed;
  }

  /** The operators the filter covers, as a condition on {@code operator}. */
  private static Condition covered(PluginId plugin, Marker marker, PluginOperatorFilter filter) {
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(marker, "marker");
    Condition where = operatorsOf(filter);
    var value = PLUGIN_OPERATOR_VALUE.as("marked");
    var markedRow =
        DSL.selectOne()
            .from(value)
            .where(marking(value, plugin, marker))
            .and(value.OPERATOR_ID.eq(OPERATOR.ID));
    return switch (filter.status()) {
      case ALL -> where;
      case ENABLED -> where.andExists(markedRow);
      case NOT_ENABLED -> where.andNotExists(markedRow);
    };
  }

  /** The operators the filter covers whether or not the plugin is enabled for them. */
  private static Condition operatorsOf(PluginOperatorFilter filter) {
    Condition where = JooqOperatorRepository.found(filter.text());
    if (filter.role().isPresent()) {
      where = where.and(OPERATOR.ROLE.eq(filter.role().get().name()));
    }
    if (filter.active().isPresent()) {
      where = where.and(OPERATOR.ACTIVE.eq(filter.active().get()));
    }
    if (filter.among().isPresent()) {
      where =
          where.and(OPERATOR.ID.in(filter.among().get().stream().map(OperatorId::value).toList()));
    }
    return where;
  }

  /** The values of this table that hold the marker, for any operator. */
  private static Condition marking(PluginOperatorValue values, PluginId plugin, Marker marker) {
    return values
        .PLUGIN_ID
        .eq(plugin.value())
        .and(values.VALUE_KEY.eq(marker.key()))
        .and(values.VALUE_TEXT.eq(marker.value()));
  }

  private static void checkKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "A plugin key has 1 to " + MAX_KEY_LENGTH + " characters.");
    }
  }

  private static void checkLength(String value, int max, String what) {
    if (value.length() > max) {
      throw new IllegalArgumentException(what + " has at most " + max + " characters.");
    }
  }
}
