package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.actingAs;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.application.port.in.ChooseTimeZoneUseCase;
import io.supportpro.application.port.in.ChooseTimeZoneUseCase.TimeZoneChoice;
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
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeZoneServiceTest {
  private final Operator ada = operator("ada");
  private final Actor actor = actingAs(ada);
  private final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final MutableClock clock = MutableClock.atStart();
  private final TimeZoneService service = new TimeZoneService(operators, audit, clock);

  {
    operators.add(ada, new PasswordHash("$test$hash"));
  }

  @Test
  void timeZone_isUtcUntilChosen() {
    assertThat(service.timeZone(ada.id())).isEqualTo(ZoneId.of("UTC"));
    assertThat(service.timeZone(OperatorId.random())).isEqualTo(ChooseTimeZoneUseCase.DEFAULT);
  }

  @Test
  void choose_storesTheZoneAndAuditsBeforeAndAfter() {
    TimeZoneChoice first = service.choose(actor, ada.id(), "Europe/Berlin");
    TimeZoneChoice second = service.choose(actor, ada.id(), "Asia/Kolkata");

    assertThat(first).isEqualTo(new TimeZoneChoice.Chosen(ZoneId.of("Europe/Berlin")));
    assertThat(second).isEqualTo(new TimeZoneChoice.Chosen(ZoneId.of("Asia/Kolkata")));
    assertThat(service.timeZone(ada.id())).isEqualTo(ZoneId.of("Asia/Kolkata"));
    assertThat(audit.all())
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.TIME_ZONE_CHANGED,
                actor,
                ada.id().toString(),
                Map.of("from", "UTC", "to", "Europe/Berlin")),
            new AuditEvent(
                clock.now(),
                AuditEventType.TIME_ZONE_CHANGED,
                actor,
                ada.id().toString(),
                Map.of("from", "Europe/Berlin", "to", "Asia/Kolkata")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "europe/berlin",
        "Europe/Berlin ",
        "+05:00",
        "UTC+01:00",
        "Mars/Olympus",
        "Europe/../UTC",
        "CET\u0000",
        "<script>"
      })
  void choose_refusesWhatIsNotExactlyTheNameOfAZone_andChangesNothing(String zone) {
    assertThat(service.choose(actor, ada.id(), zone)).isEqualTo(new TimeZoneChoice.UnknownZone());

    assertThat(service.timeZone(ada.id())).isEqualTo(ZoneId.of("UTC"));
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void choose_forAnOperatorWhoIsGone_changesNothing() {
    assertThat(service.choose(actor, OperatorId.random(), "Europe/Berlin"))
        .isEqualTo(new TimeZoneChoice.NoSuchOperator());
    assertThat(audit.all()).isEmpty();
  }

  /** No invariant joins the zones, but every choice made at once is stored whole and audited. */
  @Test
  void choicesMadeAtOnce_leaveOneOfThemAndAuditEach() throws Exception {
    List<String> zones = List.of("Europe/Berlin", "Asia/Tokyo", "America/Chicago", "UTC");

    List<TimeZoneChoice> results =
        AtOnce.run(
            zones.stream()
                .<Callable<TimeZoneChoice>>map(zone -> () -> service.choose(actor, ada.id(), zone))
                .toList());

    assertThat(results).allMatch(result -> result instanceof TimeZoneChoice.Chosen);
    assertThat(zones).contains(service.timeZone(ada.id()).getId());
    assertThat(audit.all())
        .extracting(event -> event.details().get("to"))
        .containsExactlyInAnyOrderElementsOf(zones);
  }

  @Test
  void zones_areTheJvmsNamesInOrder() {
    assertThat(service.zones())
        .isSorted()
        .contains("UTC", "Europe/Berlin", "America/New_York")
        .hasSameSizeAs(ZoneId.getAvailableZoneIds());
  }

  @Test
  void new_refusesMissingCollaborators() {
    assertThatNullPointerException().isThrownBy(() -> new TimeZoneService(null, audit, clock));
    assertThatNullPointerException().isThrownBy(() -> new TimeZoneService(operators, null, clock));
    assertThatNullPointerException().isThrownBy(() -> new TimeZoneService(operators, audit, null));
  }
}
