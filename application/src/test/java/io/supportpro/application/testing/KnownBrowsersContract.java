package io.supportpro.application.testing;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.KnownBrowsers;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.PasswordHash;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link KnownBrowsers} store must do. */
public abstract class KnownBrowsersContract {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.250Z");
  private static final String FIRST = "a".repeat(64);
  private static final String SECOND = "b".repeat(64);

  /** The store under test and the operators its rows belong to. */
  public record Stores(KnownBrowsers browsers, OperatorRepository operators) {}

  private KnownBrowsers browsers;
  private final Operator ada = operator("ada");
  private final Operator grace = operator("grace");

  /** Stores with no operators and no browsers. */
  protected abstract Stores emptyStores();

  @BeforeEach
  void setUp() {
    Stores stores = emptyStores();
    browsers = stores.browsers();
    stores.operators().add(ada, new PasswordHash("$test$hash"));
    stores.operators().add(grace, new PasswordHash("$test$hash"));
  }

  @Test
  void remember_isTrueOnlyTheFirstTimeForAnOperator() {
    assertThat(browsers.remember(ada.id(), FIRST, T0, 10)).isTrue();
    assertThat(browsers.remember(ada.id(), FIRST, T0.plusSeconds(5), 10)).isFalse();
    assertThat(browsers.remember(grace.id(), FIRST, T0, 10)).isTrue();
    assertThat(browsers.remember(ada.id(), SECOND, T0, 10)).isTrue();
  }

  @Test
  void remember_keepsOnlyTheMostRecentlySeenOfAnOperator() {
    browsers.remember(ada.id(), FIRST, T0, 2);
    browsers.remember(ada.id(), SECOND, T0.plusSeconds(1), 2);
    // Seen again, the first is now the more recent of the two.
    browsers.remember(ada.id(), FIRST, T0.plusSeconds(2), 2);
    browsers.remember(ada.id(), "c".repeat(64), T0.plusSeconds(3), 2);
    browsers.remember(grace.id(), SECOND, T0, 2);

    assertThat(browsers.remember(ada.id(), FIRST, T0.plusSeconds(4), 2)).isFalse();
    assertThat(browsers.remember(ada.id(), SECOND, T0.plusSeconds(5), 2)).isTrue();
    assertThat(browsers.remember(grace.id(), SECOND, T0.plusSeconds(5), 2)).isFalse();
  }

  @Test
  void rememberNew_recordsTheBrowser_andKeepsOnlyTheMostRecentlySeen() {
    browsers.remember(ada.id(), FIRST, T0, 2);
    browsers.remember(ada.id(), SECOND, T0.plusSeconds(1), 2);

    browsers.rememberNew(ada.id(), "c".repeat(64), T0.plusSeconds(2), 2);
    browsers.rememberNew(grace.id(), "d".repeat(64), T0, 2);

    assertThat(browsers.remember(ada.id(), "c".repeat(64), T0.plusSeconds(3), 2)).isFalse();
    assertThat(browsers.remember(grace.id(), "d".repeat(64), T0.plusSeconds(3), 2)).isFalse();
    assertThat(browsers.remember(ada.id(), SECOND, T0.plusSeconds(4), 2)).isFalse();
    assertThat(browsers.remember(ada.id(), FIRST, T0.plusSeconds(5), 2)).isTrue();
  }

  @Test
  void forgetUnseenSince_forgetsOnlyBrowsersNotSeenSince() {
    browsers.remember(ada.id(), FIRST, T0, 10);
    browsers.remember(ada.id(), SECOND, T0.plus(Duration.ofDays(1)), 10);

    assertThat(browsers.forgetUnseenSince(T0.plusSeconds(1))).isEqualTo(1);

    assertThat(browsers.remember(ada.id(), FIRST, T0.plus(Duration.ofDays(2)), 10)).isTrue();
    assertThat(browsers.remember(ada.id(), SECOND, T0.plus(Duration.ofDays(2)), 10)).isFalse();
  }

  @Test
  void remember_ofOneNewBrowserTwiceAtOnce_isNewForExactlyOne() throws Exception {
    for (int round = 0; round < 5; round++) {
      String browser = Integer.toString(round).repeat(64);
      Callable<Boolean> remember = () -> browsers.remember(ada.id(), browser, T0, 10);

      List<Boolean> answers = AtOnce.run(List.of(remember, remember));

      assertThat(answers).containsExactlyInAnyOrder(true, false);
    }
  }
}
