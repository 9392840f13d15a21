package io.supportpro.adapter.out.persistence;

import io.supportpro.application.port.out.PanelSettings;
import io.supportpro.application.testing.PanelSettingsContract;
import org.junit.jupiter.api.Nested;

class JooqPanelSettingsIT {
  @Nested
  class OnH2 extends PanelSettingsContract {
    @Override
    protected PanelSettings freshSettings() {
      return TestDatabase.H2.emptied().panelSettings();
    }
  }

  @Nested
  class OnPostgres extends PanelSettingsContract {
    @Override
    protected PanelSettings freshSettings() {
      return TestDatabase.POSTGRES.emptied().panelSettings();
    }
  }
}
