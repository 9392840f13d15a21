package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.application.port.out.OperatorAccount;
import io.supportpro.application.port.out.OperatorChanges;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.testing.InMemoryOperatorRepository;
import io.supportpro.domain.operator.DisplayName;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.page.Cursor;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListOperatorsServiceTest {
  private static final PasswordHash HASH = new PasswordHash("$test$hash");
  private static final KeysetRequest FIRST_PAGE = KeysetRequest.first(20);

  private final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  private final ListOperatorsService service = new ListOperatorsService(operators);

  private Operator add(Operator operator) {
    operators.add(operator, HASH);
    return operator;
  }

  private Operator add(String username, String displayName) {
    Operator plain = operator(username);
    return add(plain.withProfile(plain.email(), new DisplayName(displayName), plain.role()));
  }

  private static KeysetRequest after(KeysetPage<Operator> page) {
    return KeysetRequest.at(
        page.items().getLast().position(Cursor.Direction.AFTER), page.request().size());
  }

  private static List<String> usernames(KeysetPage<Operator> page) {
    return page.items().stream().map(o -> o.username().value()).toList();
  }

  @Test
  void list_findsByUsernameEmailOrDisplayNameOrderedByUsername() {
    add("zed", "Zed Lovelace");
    add("lovelace", "Ada");
    add("bob", "Bob Builder");
    add("amy", "Amy Pond");

    KeysetPage<Operator> found = service.list("LOVELACE", FIRST_PAGE);

    assertThat(usernames(found)).containsExactly("lovelace", "zed");
    assertThat(found.hasNext()).isFalse();
  }

  @Test
  void list_searchesTheEmailToo() {
    add("carol", "Carol");

    assertThat(usernames(service.list("carol@example", FIRST_PAGE))).containsExactly("carol");
  }

  @Test
  void list_withoutSearchListsEveryone() {
    add("bob", "Bob");
    add("amy", "Amy");

    assertThat(usernames(service.list(null, FIRST_PAGE))).containsExactly("amy", "bob");
    assertThat(usernames(service.list("", FIRST_PAGE))).containsExactly("amy", "bob");
    assertThat(usernames(service.list("   ", FIRST_PAGE))).containsExactly("amy", "bob");
  }

  @Test
  void list_ignoresSpacesAroundTheSearch() {
    add("bob", "Bob");
    add("amy", "Amy");

    assertThat(usernames(service.list("  amy \t", FIRST_PAGE))).containsExactly("amy");
  }

  @Test
  void list_returnsThePageAfterTheRowItIsAskedFor() {
    List<String> all = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      all.add("user%02d".formatted(i));
      add(operator("user%02d".formatted(i)));
    }
    KeysetPage<Operator> first = service.list("user", KeysetRequest.first(10));

    KeysetPage<Operator> second = service.list("user", after(first));
    KeysetPage<Operator> third = service.list("user", after(second));

    assertThat(usernames(second)).isEqualTo(all.subList(10, 20));
    assertThat(usernames(third)).isEqualTo(all.subList(20, 25));
    assertThat(second.hasPrevious()).isTrue();
    assertThat(second.hasNext()).isTrue();
    assertThat(third.hasNext()).isFalse();
  }

  @Test
  void list_findsNothingForTextNoOneHas() {
    add("amy", "Amy");

    KeysetPage<Operator> none = service.list("' OR '1'='1", FIRST_PAGE);

    assertThat(none.items()).isEmpty();
    assertThat(none.hasNext()).isFalse();
  }

  @Test
  void list_answersAnOverlongSearchWithAnEmptyPageWithoutSearching() {
    OperatorRepository refusing = new SearchRefusingRepository(operators);
    add("amy", "Amy");

    KeysetPage<Operator> page =
        new ListOperatorsService(refusing).list("a".repeat(255), FIRST_PAGE);

    assertThat(page).isEqualTo(new KeysetPage<Operator>(List.of(), FIRST_PAGE, false, false));
  }

  @Test
  void list_stillSearchesTheLongestTextAFieldCanHold() {
    add("amy", "Amy");

    KeysetPage<Operator> page = service.list("a".repeat(254), FIRST_PAGE);

    assertThat(page.items()).isEmpty();
  }

  @Test
  void list_measuresTheSearchAfterStrippingIt() {
    add("amy", "Amy");

    assertThat(usernames(service.list(" ".repeat(300) + "amy" + " ".repeat(300), FIRST_PAGE)))
        .containsExactly("amy");
  }

  @Test
  void find_returnsTheOperatorOrNothing() {
    Operator amy = add("amy", "Amy");

    assertThat(service.find(amy.id())).contains(amy);
    assertThat(service.find(OperatorId.random())).isEmpty();
  }

  @Test
  void new_refusesAMissingRepository() {
    assertThatNullPointerException().isThrownBy(() -> new ListOperatorsService(null));
  }

  /** Delegates everything but searching, which must not happen. */
  private record SearchRefusingRepository(OperatorRepository inner) implements OperatorRepository {
    @Override
    public KeysetPage<Operator> search(String text, KeysetRequest page) {
      throw new AssertionError("the repository must not be searched");
    }

    @Override
    public AddOutcome add(Operator operator, PasswordHash passwordHash) {
      return inner.add(operator, passwordHash);
    }

    @Override
    public UpdateOutcome update(OperatorId id, OperatorChanges changes) {
      return inner.update(id, changes);
    }

    @Override
    public boolean changePasswordHash(
        OperatorId id, PasswordHash current, PasswordHash next, boolean mustChange) {
      return inner.changePasswordHash(id, current, next, mustChange);
    }

    @Override
    public boolean setPassword(OperatorId id, PasswordHash passwordHash, boolean mustChange) {
      return inner.setPassword(id, passwordHash, mustChange);
    }

    @Override
    public Optional<OperatorAccount> findAccount(OperatorId id) {
      return inner.findAccount(id);
    }

    @Override
    public Optional<Operator> findById(OperatorId id) {
      return inner.findById(id);
    }

    @Override
    public Optional<OperatorAccount> findAccount(String login) {
      return inner.findAccount(login);
    }

    @Override
    public long countActiveAdministrators() {
      return inner.countActiveAdministrators();
    }

    @Override
    public Optional<ZoneId> timeZone(OperatorId id) {
      return inner.timeZone(id);
    }

    @Override
    public boolean setTimeZone(OperatorId id, ZoneId zone) {
      return inner.setTimeZone(id, zone);
    }

    @Override
    public Optional<Locale> language(OperatorId id) {
      return inner.language(id);
    }

    @Override
    public boolean setLanguage(OperatorId id, Locale language) {
      return inner.setLanguage(id, language);
    }
  }
}
