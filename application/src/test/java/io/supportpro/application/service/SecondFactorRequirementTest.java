package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.application.port.out.PanelSettings;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.port.out.TotpCredentials;
import io.supportpro.application.port.out.TotpEnrolment;
import io.supportpro.application.testing.FakeCodePlugin;
import io.supportpro.application.testing.FakePromptPlugin;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryPanelSettings;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.InMemoryTotpCredentials;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.secondfactor.SecondFactor;
import io.supportpro.domain.session.SessionKey;
import io.supportpro.domain.session.SessionToken;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SecondFactorRequirementTest {
  private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

  private final CountingPlugins plugins = new CountingPlugins();
  private final CountingTotp totp = new CountingTotp();
  private final CountingSettings settings = new CountingSettings();
  private final FakePromptPlugin prompt = new FakePromptPlugin();
  private final InMemoryPluginCatalog catalog = new InMemoryPluginCatalog(List.of(prompt));
  private final SecondFactorRequirement requirement =
      new SecondFactorRequirement(catalog, plugins, totp, settings);
  private final Operator ada = operator("ada");

  /** The plugin states and per-operator values, with how often the latter were read. */
  private static final class CountingPlugins implements PluginRepository {
    private final Map<PluginId, PluginState> states = new HashMap<>();
    private final Map<List<Object>, String> values = new HashMap<>();
    private final Map<PluginId, PluginSettings> saved = new HashMap<>();
    private int valueReads;
    private int settingsReads;

    void set(PluginId plugin, PluginState state) {
      states.put(plugin, state);
    }

    void setValue(PluginId plugin, OperatorId operator, String key, String value) {
      values.put(List.of(plugin, operator, key), value);
    }

    @Override
    public PluginState state(PluginId plugin) {
      return states.getOrDefault(plugin, PluginState.AVAILABLE);
    }

    @Override
    public Optional<String> operatorValue(PluginId plugin, OperatorId operator, String key) {
      valueReads++;
      return Optional.ofNullable(values.get(List.of(plugin, operator, key)));
    }

    @Override
    public Map<OperatorId, String> operatorValues(
        PluginId plugin, String key, Collection<OperatorId> operators) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<PluginId, PluginState> installed() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean transition(PluginId plugin, PluginState expected, PluginState next) {
      throw new UnsupportedOperationException();
    }

    @Override
    public PluginSettings settings(PluginId plugin) {
      settingsReads++;
      return saved.getOrDefault(plugin, PluginSettings.EMPTY);
    }

    @Override
    public boolean saveSettingsIfActive(PluginId plugin, PluginSettings settings) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean setOperatorValueIfActive(
        PluginId plugin, OperatorId operator, String key, Optional<String> value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public KeysetPage<Operator> operators(
        PluginId plugin, Marker marker, PluginOperatorFilter filter, KeysetRequest page) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long count(PluginId plugin, Marker marker, PluginOperatorFilter filter, long limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public OptionalLong markIfActive(
        PluginId plugin, Marker marker, PluginOperatorFilter filter, boolean marked) {
      throw new UnsupportedOperationException();
    }
  }

  /** The in-memory enrolments, counting how often one was looked up. */
  private static final class CountingTotp implements TotpCredentials {
    private final InMemoryTotpCredentials delegate = new InMemoryTotpCredentials();
    private int finds;

    @Override
    public Optional<TotpEnrolment> find(OperatorId operator) {
      finds++;
      return delegate.find(operator);
    }

    @Override
    public boolean savePending(
        OperatorId operator, SessionKey session, String encryptedSecret, Instant at) {
      return delegate.savePending(operator, session, encryptedSecret, at);
    }

    @Override
    public boolean confirm(
        OperatorId operator,
        SessionKey session,
        String encryptedSecret,
        long step,
        List<String> recoveryCodeHashes) {
      return delegate.confirm(operator, session, encryptedSecret, step, recoveryCodeHashes);
    }

    @Override
    public boolean useStep(OperatorId operator, long step) {
      return delegate.useStep(operator, step);
    }

    @Override
    public boolean useRecoveryCode(OperatorId operator, String codeHash) {
      return delegate.useRecoveryCode(operator, codeHash);
    }

    @Override
    public int remainingRecoveryCodes(OperatorId operator) {
      return delegate.remainingRecoveryCodes(operator);
    }

    @Override
    public void replaceRecoveryCodes(OperatorId operator, List<String> codeHashes) {
      delegate.replaceRecoveryCodes(operator, codeHashes);
    }

    @Override
    public long countConfirmed(Collection<OperatorId> operators) {
      return delegate.countConfirmed(operators);
    }

    @Override
    public boolean delete(OperatorId operator) {
      return delegate.delete(operator);
    }
  }

  /** The in-memory settings, counting how often Force 2FA was read. */
  private static final class CountingSettings implements PanelSettings {
    private final InMemoryPanelSettings delegate = new InMemoryPanelSettings();
    private int reads;

    @Override
    public boolean forceTwoFactor() {
      reads++;
      return delegate.forceTwoFactor();
    }

    @Override
    public void setForceTwoFactor(boolean required) {
      delegate.setForceTwoFactor(required);
    }
  }

  private static final SecondFactor PROMPT = SecondFactor.prompt(FakePromptPlugin.ID);

  private void given(PluginState plugin, String enabled, String app, boolean force) {
    plugins.set(FakePromptPlugin.ID, plugin);
    plugins.saved.put(FakePromptPlugin.ID, FakePromptPlugin.saved(new FakeSecretCipher()));
    if (!enabled.equals("absent")) {
      plugins.setValue(FakePromptPlugin.ID, ada.id(), PluginMethods.ENABLED_KEY, enabled);
    }
    SessionKey enrolling = SessionToken.random().key();
    if (!app.equals("none")) {
      totp.savePending(ada.id(), enrolling, "encrypted", NOW);
    }
    if (app.equals("confirmed")) {
      totp.confirm(ada.id(), enrolling, "encrypted", 1, List.of());
    }
    settings.setForceTwoFactor(force);
  }

  @ParameterizedTest(name = "plugin {0}, enabled {1}, app {2}, forced {3} -> {4}")
  @CsvSource({
    // The plugin's method decides while the plugin is active and enabled for the operator.
    "ACTIVE,    true,   confirmed, true,  PROMPT:example-prompt",
    "ACTIVE,    true,   confirmed, false, PROMPT:example-prompt",
    "ACTIVE,    true,   pending,   true,  PROMPT:example-prompt",
    "ACTIVE,    true,   pending,   false, PROMPT:example-prompt",
    "ACTIVE,    true,   none,      true,  PROMPT:example-prompt",
    "ACTIVE,    true,   none,      false, PROMPT:example-prompt",
    "ACTIVE,    false,  confirmed, true,  TOTP",
    "ACTIVE,    false,  confirmed, false, TOTP",
    "ACTIVE,    false,  pending,   true,  TOTP_ENROLMENT",
    "ACTIVE,    false,  pending,   false, NONE",
    "ACTIVE,    false,  none,      true,  TOTP_ENROLMENT",
    "ACTIVE,    false,  none,      false, NONE",
    "ACTIVE,    absent, confirmed, true,  TOTP",
    "ACTIVE,    absent, confirmed, false, TOTP",
    "ACTIVE,    absent, pending,   true,  TOTP_ENROLMENT",
    "ACTIVE,    absent, pending,   false, NONE",
    "ACTIVE,    absent, none,      true,  TOTP_ENROLMENT",
    "ACTIVE,    absent, none,      false, NONE",
    // A deactivated plugin keeps the operator's choice but does not apply it.
    "INACTIVE,  true,   confirmed, true,  TOTP",
    "INACTIVE,  true,   confirmed, false, TOTP",
    "INACTIVE,  true,   pending,   true,  TOTP_ENROLMENT",
    "INACTIVE,  true,   pending,   false, NONE",
    "INACTIVE,  true,   none,      true,  TOTP_ENROLMENT",
    "INACTIVE,  true,   none,      false, NONE",
    "INACTIVE,  false,  confirmed, true,  TOTP",
    "INACTIVE,  false,  confirmed, false, TOTP",
    "INACTIVE,  false,  pending,   true,  TOTP_ENROLMENT",
    "INACTIVE,  false,  pending,   false, NONE",
    "INACTIVE,  false,  none,      true,  TOTP_ENROLMENT",
    "INACTIVE,  false,  none,      false, NONE",
    "INACTIVE,  absent, confirmed, true,  TOTP",
    "INACTIVE,  absent, confirmed, false, TOTP",
    "INACTIVE,  absent, pending,   true,  TOTP_ENROLMENT",
    "INACTIVE,  absent, pending,   false, NONE",
    "INACTIVE,  absent, none,      true,  TOTP_ENROLMENT",
    "INACTIVE,  absent, none,      false, NONE",
    // Not installed: whatever a repository still answered is ignored.
    "AVAILABLE, true,   confirmed, true,  TOTP",
    "AVAILABLE, true,   confirmed, false, TOTP",
    "AVAILABLE, true,   pending,   true,  TOTP_ENROLMENT",
    "AVAILABLE, true,   pending,   false, NONE",
    "AVAILABLE, true,   none,      true,  TOTP_ENROLMENT",
    "AVAILABLE, true,   none,      false, NONE",
    "AVAILABLE, false,  confirmed, true,  TOTP",
    "AVAILABLE, false,  confirmed, false, TOTP",
    "AVAILABLE, false,  pending,   true,  TOTP_ENROLMENT",
    "AVAILABLE, false,  pending,   false, NONE",
    "AVAILABLE, false,  none,      true,  TOTP_ENROLMENT",
    "AVAILABLE, false,  none,      false, NONE",
    "AVAILABLE, absent, confirmed, true,  TOTP",
    "AVAILABLE, absent, confirmed, false, TOTP",
    "AVAILABLE, absent, pending,   true,  TOTP_ENROLMENT",
    "AVAILABLE, absent, pending,   false, NONE",
    "AVAILABLE, absent, none,      true,  TOTP_ENROLMENT",
    "AVAILABLE, absent, none,      false, NONE"
  })
  void of_followsEveryCombination(
      PluginState plugin, String enabled, String app, boolean force, SecondFactor expected) {
    given(plugin, enabled, app, force);

    assertThat(requirement.of(ada.id())).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"TRUE", "True", "yes", "1", "' true'", "''"})
  void of_onlyTheExactValueTrueEnablesThePlugin(String value) {
    given(PluginState.ACTIVE, value, "none", false);

    assertThat(requirement.of(ada.id())).isEqualTo(SecondFactor.NONE);
  }

  @Test
  void applyingTo_namesThePluginWhoseMethodTheOperatorPasses_byTheSameRule() {
    given(PluginState.ACTIVE, "true", "confirmed", true);
    assertThat(requirement.applyingTo(ada.id())).hasValue("Example prompt");

    given(PluginState.INACTIVE, "true", "confirmed", true);
    assertThat(requirement.applyingTo(ada.id())).isEmpty();
  }

  @Test
  void of_readsNeitherTheAppNorTheSettingsWhenThePluginDecides() {
    given(PluginState.ACTIVE, "true", "confirmed", true);

    assertThat(requirement.of(ada.id())).isEqualTo(PROMPT);
    assertThat(totp.finds).isZero();
    assertThat(settings.reads).isZero();
  }

  @Test
  void of_doesNotReadTheSettingsWhenTheAppDecides() {
    given(PluginState.ACTIVE, "false", "confirmed", true);

    assertThat(requirement.of(ada.id())).isEqualTo(SecondFactor.TOTP);
    assertThat(totp.finds).isEqualTo(1);
    assertThat(settings.reads).isZero();
  }

  @Test
  void of_readsEachInputOnceWhenNoneDecidesEarly() {
    given(PluginState.ACTIVE, "false", "pending", true);

    assertThat(requirement.of(ada.id())).isEqualTo(SecondFactor.TOTP_ENROLMENT);
    assertThat(plugins.valueReads).isEqualTo(1);
    assertThat(totp.finds).isEqualTo(1);
    assertThat(settings.reads).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({"confirmed, false, TOTP", "none, true, TOTP_ENROLMENT", "none, false, NONE"})
  void of_anActivePluginWithoutSavedSettings_leavesItsOperatorsToTheBuiltInRule(
      String app, boolean forced, SecondFactor expected) {
    given(PluginState.ACTIVE, "true", app, forced);
    plugins.saved.put(FakePromptPlugin.ID, PluginSettings.EMPTY);

    assertThat(requirement.of(ada.id())).isEqualTo(expected);
  }

  @Test
  void of_savedSettingsKeepTheMethodRequiredEvenWhenTheyNoLongerPassTheirChecks() {
    given(PluginState.ACTIVE, "true", "confirmed", false);
    // Saved when they passed; the server no longer allows their host.
    prompt.allowOnly(Set.of("elsewhere.example.test"));
    assertThat(PluginSettingsRules.configured(prompt, plugins.settings(FakePromptPlugin.ID)))
        .isFalse();

    assertThat(requirement.of(ada.id())).isEqualTo(PROMPT);
  }

  @Test
  void of_incompleteSavedSettingsKeepTheMethodRequired() {
    given(PluginState.ACTIVE, "true", "confirmed", false);
    plugins.saved.put(
        FakePromptPlugin.ID,
        new PluginSettings(
            Map.of(FakePromptPlugin.CLIENT_ID, new SettingValue(FakePromptPlugin.CLIENT, false))));

    assertThat(requirement.of(ada.id())).isEqualTo(PROMPT);
  }

  @Test
  void of_readsThePluginsSettingsOnlyForAnOperatorItIsEnabledFor() {
    given(PluginState.ACTIVE, "false", "confirmed", false);

    requirement.of(ada.id());

    assertThat(plugins.settingsReads).isZero();
  }

  @ParameterizedTest
  @EnumSource(
      value = PluginState.class,
      names = {"AVAILABLE", "INACTIVE"})
  void of_doesNotReadTheOperatorsChoiceWhileThePluginIsNotActive(PluginState state) {
    given(state, "true", "none", false);

    requirement.of(ada.id());

    assertThat(plugins.valueReads).isZero();
  }

  @Test
  void of_readsTheChoiceOfThatOperatorOnly() {
    Operator bob = operator("bob");
    given(PluginState.ACTIVE, "absent", "none", false);
    plugins.setValue(FakePromptPlugin.ID, bob.id(), PluginMethods.ENABLED_KEY, "true");

    assertThat(requirement.of(ada.id())).isEqualTo(SecondFactor.NONE);
    assertThat(requirement.of(bob.id())).isEqualTo(PROMPT);
  }

  @Test
  void of_readsThePluginsEnabledValueOnly() {
    PluginId other = new PluginId("other-plugin");
    plugins.set(other, PluginState.ACTIVE);
    plugins.setValue(other, ada.id(), PluginMethods.ENABLED_KEY, "true");
    given(PluginState.ACTIVE, "absent", "none", false);
    plugins.setValue(FakePromptPlugin.ID, ada.id(), "enabled_by", "true");

    assertThat(requirement.of(ada.id())).isEqualTo(SecondFactor.NONE);
  }

  @Test
  void of_aPluginsCodeMethodIsACodeOfThatPlugin() {
    var codes = new FakeCodePlugin();
    var withCodes =
        new SecondFactorRequirement(
            new InMemoryPluginCatalog(List.of(codes)), plugins, totp, settings);
    plugins.set(FakeCodePlugin.ID, PluginState.ACTIVE);
    plugins.saved.put(FakeCodePlugin.ID, FakeCodePlugin.saved(new FakeSecretCipher()));
    plugins.setValue(FakeCodePlugin.ID, ada.id(), PluginMethods.ENABLED_KEY, "true");

    assertThat(withCodes.of(ada.id())).isEqualTo(SecondFactor.code(FakeCodePlugin.ID));
  }

  @Test
  void of_ofTwoPluginsEnabledForTheOperatorTheFirstByNameApplies() {
    var codes = new FakeCodePlugin();
    var both =
        new SecondFactorRequirement(
            new InMemoryPluginCatalog(List.of(prompt, codes)), plugins, totp, settings);
    given(PluginState.ACTIVE, "true", "none", false);
    plugins.set(FakeCodePlugin.ID, PluginState.ACTIVE);
    plugins.saved.put(FakeCodePlugin.ID, FakeCodePlugin.saved(new FakeSecretCipher()));
    plugins.setValue(FakeCodePlugin.ID, ada.id(), PluginMethods.ENABLED_KEY, "true");

    // "Example code" comes before "Example prompt".
    assertThat(both.of(ada.id())).isEqualTo(SecondFactor.code(FakeCodePlugin.ID));
    plugins.set(FakeCodePlugin.ID, PluginState.INACTIVE);
    assertThat(both.of(ada.id())).isEqualTo(PROMPT);
  }

  @Test
  void of_ignoresAPluginThatOffersNoSecondFactorAndReadsNothingOfIt() {
    PluginId notes = new PluginId("notes");
    var descriptor =
        new PluginDescriptor(notes, "Notes", "Keeps notes.", "1.0", "Example", List.of());
    var withNotes =
        new SecondFactorRequirement(
            new InMemoryPluginCatalog(List.of(() -> descriptor)), plugins, totp, settings);
    plugins.set(notes, PluginState.ACTIVE);
    plugins.setValue(notes, ada.id(), PluginMethods.ENABLED_KEY, "true");

    assertThat(withNotes.of(ada.id())).isEqualTo(SecondFactor.NONE);
    assertThat(plugins.valueReads).isZero();
    assertThat(plugins.settingsReads).isZero();
  }

  @Test
  void of_ignoresAnActivePluginThatDoesNotShip() {
    PluginId retired = new PluginId("retired");
    plugins.set(retired, PluginState.ACTIVE);
    plugins.setValue(retired, ada.id(), PluginMethods.ENABLED_KEY, "true");

    assertThat(requirement.of(ada.id())).isEqualTo(SecondFactor.NONE);
  }

  @Test
  void of_lookUpsAreForTheOperatorAsked() {
    Operator bob = operator("bob");
    given(PluginState.AVAILABLE, "absent", "confirmed", false);

    assertThat(requirement.of(ada.id())).isEqualTo(SecondFactor.TOTP);
    assertThat(requirement.of(bob.id())).isEqualTo(SecondFactor.NONE);
  }

  @Test
  void refusesMissingPorts() {
    assertThatNullPointerException()
        .isThrownBy(() -> new SecondFactorRequirement(null, plugins, totp, settings));
    assertThatNullPointerException()
        .isThrownBy(() -> new SecondFactorRequirement(catalog, null, totp, settings));
    assertThatNullPointerException()
        .isThrownBy(() -> new SecondFactorRequirement(catalog, plugins, null, settings));
    assertThatNullPointerException()
        .isThrownBy(() -> new SecondFactorRequirement(catalog, plugins, totp, null));
  }
}
