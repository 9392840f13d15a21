package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.actingAs;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.application.port.in.ChooseLanguageUseCase.LanguageChoice;
import io.supportpro.application.testing.AtOnce;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryOperatorRepository;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.PasswordHash;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageServiceTest {
  private final Operator ada = operator("ada");
  private final Actor actor = actingAs(ada);
  private final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final MutableClock clock = MutableClock.atStart();
  private final LanguageService service = new LanguageService(operators, audit, clock);

  {
    operators.add(ada, new PasswordHash("$test$hash"));
  }

  @Test
  void language_isNoneUntilChosen() {
    assertThat(service.language(ada.id())).isEmpty();
    assertThat(service.language(OperatorId.random())).isEmpty();
  }

  @Test
  void choose_storesTheLanguageAndAuditsBeforeAndAfter() {
    LanguageChoice first = service.choose(actor, ada.id(), "de");
    LanguageChoice second = service.choose(actor, ada.id(), "en");

    assertThat(first).isEqualTo(new LanguageChoice.Chosen(Locale.GERMAN));
    assertThat(second).isEqualTo(new LanguageChoice.Chosen(Locale.ENGLISH));
    assertThat(service.language(ada.id())).contains(Locale.ENGLISH);
    assertThat(audit.all())
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.LANGUAGE_CHANGED,
                actor,
                ada.id().toString(),
                Map.of("from", "none", "to", "de")),
            new AuditEvent(
                clock.now(),
                AuditEventType.LANGUAGE_CHANGED,
                actor,
                ada.id().toString(),
                Map.of("from", "de", "to", "en")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "fr", "DE", "de-DE", "de ", "german", "en\u0000", "<script>"})
  void choose_refusesWhatIsNotExactlyASupportedLanguage_andChangesNothing(String language) {
    assertThat(service.choose(actor, ada.id(), language))
        .isEqualTo(new LanguageChoice.UnsupportedLanguage());

    assertThat(service.language(ada.id())).isEmpty();
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void choose_forAnOperatorWhoIsGone_changesNothing() {
    assertThat(service.choose(actor, OperatorId.random(), "de"))
        .isEqualTo(new LanguageChoice.NoSuchOperator());
    assertThat(audit.all()).isEmpty();
  }

  /** No invariant joins the choices, but every choice made at once is stored whole and audited. */
  @Test
  void choicesMadeAtOnce_leaveOneOfThemAndAuditEach() throws Exception {
    List<String> languages = List.of("de", "en", "de", "en");

    List<LanguageChoice> results =
        AtOnce.run(
            languages.stream()
                .<Callable<LanguageChoice>>map(
                    language -> () -> service.choose(actor, ada.id(), language))
                .toList());

    assertThat(results).allMatch(result -> result instanceof LanguageChoice.Chosen);
    assertThat(service.language(ada.id())).isPresent();
    assertThat(audit.all())
        .extracting(event -> event.details().get("to"))
        .containsExactlyInAnyOrderElementsOf(languages);
  }

  @Test
  void new_refusesMissingCollaborators() {
    assertThatNullPointerException().isThrownBy(() -> new LanguageService(null, audit, clock));
    assertThatNullPointerException().isThrownBy(() -> new LanguageService(operators, null, clock));
    assertThatNullPointerException().isThrownBy(() -> new LanguageService(operators, audit, null));
  }
}
