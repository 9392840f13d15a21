package io.supportpro.adapter.out.persistence;

import static io.supportpro.adapter.out.persistence.SqlErrors.guard;
import static io.supportpro.adapter.out.persistence.SqlErrors.guardRun;
import static io.supportpro.adapter.out.persistence.jooq.Tables.PANEL_SETTING;

import io.supportpro.application.port.out.PanelSettings;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** Panel-wide settings as key-value rows in {@code panel_setting}; absent means the default. */
final class JooqPanelSettings implements PanelSettings {
  private static final String FORCE_TWO_FACTOR = "force_two_factor";

  private final DSLContext dsl;

  JooqPanelSettings(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  @Override
  public boolean forceTwoFactor() {
    return guard("reading the panel settings", () -> read(FORCE_TWO_FACTOR))
        .map(Boolean::parseBoolean)
        .orElse(false);
  }

  @Override
  public void setForceTwoFactor(boolean required) {
    guardRun(
        "saving the panel settings", () -> write(FORCE_TWO_FACTOR, Boolean.toString(required)));
  }

  private Optional<String> read(String key) {
    return dsl.select(PANEL_SETTING.SETTING_VALUE)
        .from(PANEL_SETTING)
        .where(PANEL_SETTING.SETTING_KEY.eq(key))
        .fetchOptional(PANEL_SETTING.SETTING_VALUE);
  }

  /** Updates the row, or creates it; if another instance created it meanwhile, updates that. */
  private void write(String key, String value) {
    if (update(key, value) == 1) {
      return;
    }
    try {
      dsl.insertInto(PANEL_SETTING)
          .set(PANEL_SETTING.SETTING_KEY, key)
          .set(PANEL_SETTING.SETTING_VALUE, value)
          .execute();
    } catch (DataAccessException e) {
      if (!SqlErrors.isUniqueViolation(e)) {
        throw e;
      }
      update(key, value);
    }
  }

  private int update(String key, String value) {
    return dsl.update(PANEL_SETTING)
        .set(PANEL_SETTING.SETTING_VALUE, value)
        .where(PANEL_SETTING.SETTING_KEY.eq(key))
        .execute();
  }
}
