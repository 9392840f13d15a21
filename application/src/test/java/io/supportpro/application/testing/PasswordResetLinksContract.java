package io.supportpro.application.testing;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.PasswordResetLink;
import io.supportpro.application.port.out.PasswordResetLinks;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.operator.ResetToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PasswordResetLinks} store must do. */
public abstract class PasswordResetLinksContract {
  private static final Instant T0 = Instant.parse("2026-02-01T08:00:00.125Z");
  private static final Duration LIFETIME = Duration.ofMinutes(30);

  /** The links and the operators they belong to, over the same storage. */
  public record Stores(PasswordResetLinks links, OperatorRepository operators) {}

  /** Empty stores over the same storage. */
  protected abstract Stores emptyStores();

  private PasswordResetLinks links;
  private Operator alice;
  private Operator bob;

  @BeforeEach
  void setUp() {
    Stores stores = emptyStores();
    links = stores.links();
    alice = operator("alice");
    bob = operator("bob");
    stores.operators().add(alice, new PasswordHash("$test$hash"));
    stores.operators().add(bob, new PasswordHash("$test$hash"));
  }

  private static PasswordResetLink link(Operator who, Instant at) {
    return new PasswordResetLink(
        ResetToken.random().hash(), who.id(), at, at.plus(LIFETIME), Optional.empty());
  }

  @Test
  void replace_thenFindReturnsTheLinkAsStored() {
    PasswordResetLink link = link(alice, T0);

    assertThat(links.replace(link)).isTrue();

    assertThat(links.find(link.tokenHash())).contains(link);
    assertThat(links.find(ResetToken.random().hash())).isEmpty();
  }

  @Test
  void replace_removesTheOperatorsEarlierLinksOnly() {
    PasswordResetLink first = link(alice, T0);
    PasswordResetLink others = link(bob, T0);
    PasswordResetLink second = link(alice, T0.plusSeconds(60));
    links.replace(first);
    links.replace(others);

    links.replace(second);

    assertThat(links.find(first.tokenHash())).isEmpty();
    assertThat(links.find(second.tokenHash())).contains(second);
    assertThat(links.find(others.tokenHash())).contains(others);
  }

  @Test
  void replace_refusesALinkOfNoOperator() {
    PasswordResetLink nobodys =
        new PasswordResetLink(
            ResetToken.random().hash(),
            OperatorId.random(),
            T0,
            T0.plus(LIFETIME),
            Optional.empty());

    assertThat(links.replace(nobodys)).isFalse();
    assertThat(links.find(nobodys.tokenHash())).isEmpty();
  }

  @Test
  void use_marksTheLinkUsedOnce() {
    PasswordResetLink link = link(alice, T0);
    links.replace(link);
    Instant now = T0.plusSeconds(90);

    assertThat(links.use(link.tokenHash(), now)).contains(link);
    assertThat(links.use(link.tokenHash(), now)).isEmpty();
    assertThat(links.find(link.tokenHash()).orElseThrow().usedAt()).contains(now);
    assertThat(links.use(ResetToken.random().hash(), now)).isEmpty();
  }

  @Test
  void use_refusesAnExpiredLink() {
    PasswordResetLink link = link(alice, T0);
    links.replace(link);

    assertThat(links.use(link.tokenHash(), T0.plus(LIFETIME))).isEmpty();
    assertThat(links.find(link.tokenHash()).orElseThrow().usedAt()).isEmpty();
    assertThat(links.use(link.tokenHash(), T0.plus(LIFETIME).minusMillis(1))).contains(link);
  }

  @Test
  void concurrentUses_onlyOneGetsTheLink() throws Exception {
    PasswordResetLink link = link(alice, T0);
    links.replace(link);
    Callable<Optional<PasswordResetLink>> use = () -> links.use(link.tokenHash(), T0);

    List<Optional<PasswordResetLink>> results = AtOnce.run(Collections.nCopies(6, use));

    assertThat(results.stream().filter(Optional::isPresent)).hasSize(1);
  }

  @Test
  void deleteAllOf_removesTheOperatorsLinksOnly() {
    PasswordResetLink alices = link(alice, T0);
    PasswordResetLink bobs = link(bob, T0);
    links.replace(alices);
    links.replace(bobs);

    assertThat(links.deleteAllOf(alice.id())).isEqualTo(1);

    assertThat(links.find(alices.tokenHash())).isEmpty();
    assertThat(links.find(bobs.tokenHash())).contains(bobs);
    assertThat(links.deleteAllOf(alice.id())).isZero();
  }

  @Test
  void deleteExpiredBefore_removesOnlyLinksExpiredBeforeTheInstant() {
    PasswordResetLink old = link(alice, T0);
    PasswordResetLink recent = link(bob, T0.plus(LIFETIME));
    links.replace(old);
    links.replace(recent);
    links.use(recent.tokenHash(), T0.plus(LIFETIME));

    assertThat(links.deleteExpiredBefore(T0.plus(LIFETIME).plusSeconds(1))).isEqualTo(1);

    assertThat(links.find(old.tokenHash())).isEmpty();
    assertThat(links.find(recent.tokenHash())).isPresent();
  }
}
