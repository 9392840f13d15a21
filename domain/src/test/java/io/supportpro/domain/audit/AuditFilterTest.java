package io.supportpro.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.domain.operator.OperatorId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditFilterTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T1 = T0.plus(Duration.ofHours(1));
  private static final Duration NANO = Duration.ofNanos(1);
  private static final OperatorId ADMIN = OperatorId.random();
  private static final OperatorId ALICE = OperatorId.random();

  private static AuditEvent event(Instant at, AuditEventType type, Actor actor, String subject) {
    return AuditEvent.of(at, type, actor, subject);
  }

  private static AuditEvent byAdminAbout(String subject) {
    return event(
        T0, AuditEventType.OPERATOR_UPDATED, Actor.operator(ADMIN, "root", "::1"), subject);
  }

  private static AuditEvent at(Instant at) {
    return event(at, AuditEventType.SIGN_IN_FAILED, Actor.anonymous("x", "::1"), "");
  }

  private static AuditFilter operator(OperatorId id) {
    return new AuditFilter(Optional.of(id), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static AuditFilter type(AuditEventType type) {
    return new AuditFilter(Optional.empty(), Optional.of(type), Optional.empty(), Optional.empty());
  }

  private static AuditFilter range(Optional<Instant> from, Optional<Instant> until) {
    return new AuditFilter(Optional.empty(), Optional.empty(), from, until);
  }

  @Test
  void all_matchesEveryEvent() {
    assertThat(AuditFilter.ALL.matches(byAdminAbout("sso-prompt"))).isTrue();
    assertThat(AuditFilter.ALL.matches(at(Instant.EPOCH))).isTrue();
  }

  @Test
  void operator_matchesEventsTheOperatorDid() {
    assertThat(operator(ADMIN).matches(byAdminAbout("sso-prompt"))).isTrue();
  }

  @Test
  void operator_matchesEventsAboutTheOperator() {
    assertThat(operator(ALICE).matches(byAdminAbout(ALICE.toString()))).isTrue();
  }

  @Test
  void operator_skipsEventsNeitherByNorAboutTheOperator() {
    assertThat(operator(ALICE).matches(byAdminAbout("sso-prompt"))).isFalse();
    assertThat(operator(ALICE).matches(byAdminAbout(OperatorId.random().toString()))).isFalse();
    assertThat(operator(ALICE).matches(at(T0))).isFalse();
  }

  @Test
  void operator_doesNotMatchSomeoneWhoOnlyTypedTheName() {
    var typed = event(T0, AuditEventType.SIGN_IN_FAILED, Actor.anonymous(ALICE.toString(), ""), "");

    assertThat(operator(ALICE).matches(typed)).isFalse();
  }

  @Test
  void type_matchesOnlyThatType() {
    AuditEvent updated = byAdminAbout(ALICE.toString());

    assertThat(type(AuditEventType.OPERATOR_UPDATED).matches(updated)).isTrue();
    assertThat(type(AuditEventType.OPERATOR_CREATED).matches(updated)).isFalse();
  }

  @Test
  void from_isIncluded() {
    AuditFilter sinceT0 = range(Optional.of(T0), Optional.empty());

    assertThat(sinceT0.matches(at(T0))).isTrue();
    assertThat(sinceT0.matches(at(T0.plus(NANO)))).isTrue();
    assertThat(sinceT0.matches(at(T0.minus(NANO)))).isFalse();
  }

  @Test
  void until_isExcluded() {
    AuditFilter beforeT1 = range(Optional.empty(), Optional.of(T1));

    assertThat(beforeT1.matches(at(T1.minus(NANO)))).isTrue();
    assertThat(beforeT1.matches(at(T1))).isFalse();
    assertThat(beforeT1.matches(at(T1.plus(NANO)))).isFalse();
  }

  @Test
  void range_matchesFromInclusiveToUntilExclusive() {
    AuditFilter hour = range(Optional.of(T0), Optional.of(T1));

    assertThat(hour.matches(at(T0))).isTrue();
    assertThat(hour.matches(at(T1.minus(NANO)))).isTrue();
    assertThat(hour.matches(at(T1))).isFalse();
    assertThat(hour.matches(at(T0.minus(NANO)))).isFalse();
  }

  @Test
  void new_acceptsTheShortestRange() {
    AuditFilter oneNano = range(Optional.of(T0), Optional.of(T0.plus(NANO)));

    assertThat(oneNano.matches(at(T0))).isTrue();
  }

  @Test
  void new_refusesAnEmptyRange() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> range(Optional.of(T0), Optional.of(T0)))
        .withMessage("The start of the range comes before its end.");
  }

  @Test
  void new_refusesARangeThatEndsBeforeItStarts() {
    assertThatIllegalArgumentException().isThrownBy(() -> range(Optional.of(T1), Optional.of(T0)));
  }

  @Test
  void matches_requiresEveryCriterion() {
    var filter =
        new AuditFilter(
            Optional.of(ADMIN),
            Optional.of(AuditEventType.OPERATOR_UPDATED),
            Optional.of(T0),
            Optional.of(T1));

    assertThat(filter.matches(byAdminAbout("x"))).isTrue();
    assertThat(filter.matches(at(T0))).isFalse();
    assertThat(
            filter.matches(
                event(T0, AuditEventType.OPERATOR_CREATED, Actor.operator(ADMIN, "root", ""), "x")))
        .isFalse();
    assertThat(
            filter.matches(
                event(T1, AuditEventType.OPERATOR_UPDATED, Actor.operator(ADMIN, "root", ""), "x")))
        .isFalse();
  }

  @Test
  void new_refusesMissingParts() {
    Optional<Instant> none = Optional.empty();
    assertThatNullPointerException()
        .isThrownBy(() -> new AuditFilter(null, Optional.empty(), none, none));
    assertThatNullPointerException()
        .isThrownBy(() -> new AuditFilter(Optional.empty(), null, none, none));
    assertThatNullPointerException()
        .isThrownBy(() -> new AuditFilter(Optional.empty(), Optional.empty(), null, none));
    assertThatNullPointerException()
        .isThrownBy(() -> new AuditFilter(Optional.empty(), Optional.empty(), none, null));
  }
}
