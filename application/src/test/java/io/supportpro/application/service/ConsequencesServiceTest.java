package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.in.PluginFallback;
import io.supportpro.application.port.in.TwoFactorResetPreview;
import io.supportpro.application.testing.FakePromptPlugin;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryOperatorRepository;
import io.supportpro.application.testing.InMemoryPanelSettings;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.InMemoryPluginRepository;
import io.supportpro.application.testing.InMemoryTotpCredentials;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.session.SessionKey;
import io.supportpro.domain.session.SessionToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsequencesServiceTest {
  private static final PluginId PROMPT = FakePromptPlugin.ID;
  private static final PasswordHash HASH = new PasswordHash("$fake-sha256$00$unused");
  private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");

  private final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  private final InMemoryPluginRepository plugins = new InMemoryPluginRepository(operators);
  private final InMemoryTotpCredentials totp = new InMemoryTotpCredentials();
  private final InMemoryPanelSettings settings = new InMemoryPanelSettings();
  private final FakePromptPlugin prompt = new FakePromptPlugin();
  private final ConsequencesService service =
      new ConsequencesService(
          operators, new InMemoryPluginCatalog(List.of(prompt)), plugins, totp, settings);

  private final Operator root = administrator("root");
  private final Operator ada = operator("ada");
  private final Operator grace = operator("grace");
  private final Operator linus = operator("linus");

  @BeforeEach
  void setUp() {
    List.of(root, ada, grace, linus).forEach(o -> operators.add(o, HASH));
    plugins.transition(PROMPT, PluginState.AVAILABLE, PluginState.INACTIVE);
    plugins.transition(PROMPT, PluginState.INACTIVE, PluginState.ACTIVE);
    plugins.saveSettingsIfActive(PROMPT, FakePromptPlugin.saved(new FakeSecretCipher()));
  }

  private void enable(Operator... some) {
    for (Operator operator : some) {
      plugins.setOperatorValueIfActive(
          PROMPT, operator.id(), PluginMethods.ENABLED_KEY, Optional.of(PluginMethods.ENABLED));
    }
  }

  private void enrol(Operator operator) {
    SessionKey session = SessionToken.random().key();
    totp.savePending(operator.id(), session, "v1:secret", T0);
    totp.confirm(operator.id(), session, "v1:secret", 1, List.of("a".repeat(64), "b".repeat(64)));
  }

  private static String name() {
    return new FakePromptPlugin().descriptor().name();
  }

  @Test
  void previewFallback_countsTheEnabledOperatorsByTheirAuthenticatorApp() {
    enable(ada, grace, linus);
    enrol(ada);
    enrol(root);

    assertThat(service.previewFallback(PROMPT, PluginOperatorFilter.EVERYONE))
        .contains(new PluginFallback(name(), 3, 1, false));
  }

  @Test
  void previewFallback_ofASelectionCountsOnlyTheSelectedForWhomThePluginIsEnabled() {
    enable(ada, grace);
    enrol(grace);
    settings.setForceTwoFactor(true);

    PluginFallback fallback =
        service
            .previewFallback(
                PROMPT, PluginOperatorFilter.EVERYONE.among(Set.of(grace.id(), linus.id())))
            .orElseThrow();

    assertThat(fallback).isEqualTo(new PluginFallback(name(), 1, 1, true));
    assertThat(fallback.withoutAuthenticator()).isZero();
  }

  @Test
  void previewFallback_ofOperatorsListedAsNotEnabledCountsNobody() {
    enable(ada);
    PluginOperatorFilter notEnabled =
        new PluginOperatorFilter(
            "",
            PluginOperatorFilter.Status.NOT_ENABLED,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    assertThat(service.previewFallback(PROMPT, notEnabled))
        .contains(new PluginFallback(name(), 0, 0, false));
  }

  @Test
  void previewFallback_countsBeyondOnePage() {
    List<Operator> many =
        IntStream.rangeClosed(1, 450).mapToObj(i -> operator("agent%03d".formatted(i))).toList();
    many.forEach(o -> operators.add(o, HASH));
    enable(many.toArray(Operator[]::new));
    many.stream().limit(210).forEach(this::enrol);

    assertThat(service.previewFallback(PROMPT, PluginOperatorFilter.EVERYONE))
        .contains(new PluginFallback(name(), 450, 210, false));
  }

  @Test
  void previewFallback_ofAnUnknownPluginIsEmpty() {
    assertThat(
            service.previewFallback(new PluginId("no-such-plugin"), PluginOperatorFilter.EVERYONE))
        .isEmpty();
  }

  @Test
  void lastActiveAdministrator_isTrueForTheOnlyActiveAdministratorOnly() {
    assertThat(service.lastActiveAdministrator(root.id())).isTrue();
    assertThat(service.lastActiveAdministrator(ada.id())).isFalse();
    assertThat(service.lastActiveAdministrator(OperatorId.random())).isFalse();

    operators.add(administrator("second"), HASH);

    assertThat(service.lastActiveAdministrator(root.id())).isFalse();
  }

  @Test
  void previewReset_namesTheAppItsCodesAndWhatAppliesAfterwards() {
    enrol(ada);
    enable(ada);
    settings.setForceTwoFactor(true);

    assertThat(service.previewReset(ada.id()))
        .isEqualTo(new TwoFactorResetPreview(true, false, 2, true, Optional.of(name())));
  }

  @Test
  void previewReset_findsASetUpUnderWayAndNothingForOthers() {
    totp.savePending(grace.id(), new SessionKey("9".repeat(64)), "v1:secret", T0);

    TwoFactorResetPreview pending = service.previewReset(grace.id());
    TwoFactorResetPreview nothing = service.previewReset(linus.id());

    assertThat(pending)
        .isEqualTo(new TwoFactorResetPreview(false, true, 0, false, Optional.empty()));
    assertThat(pending.anythingToReset()).isTrue();
    assertThat(nothing.anythingToReset()).isFalse();
    assertThat(service.previewReset(OperatorId.random()).anythingToReset()).isFalse();
  }
}
