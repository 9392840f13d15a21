package io.supportpro.application.testing;

import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.OperatorAccount;
import io.supportpro.application.port.out.OperatorChanges;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.OperatorRepository.AddOutcome;
import io.supportpro.application.port.out.OperatorRepository.UpdateOutcome;
import io.supportpro.domain.operator.DisplayName;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.page.Cursor;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link OperatorRepository} must do. */
public abstract class OperatorRepositoryContract {
  private static final PasswordHash HASH = new PasswordHash("$test$hash");

  private OperatorRepository repository;

  /** A repository with no operators. */
  protected abstract OperatorRepository emptyRepository();

  @BeforeEach
  void setUp() {
    repository = emptyRepository();
  }

  @Test
  void add_thenFindByIdReturnsTheSameOperator() {
    Operator alice = operator("alice");

    assertThat(repository.add(alice, HASH)).isEqualTo(AddOutcome.ADDED);

    assertThat(repository.findById(alice.id())).contains(alice);
    assertThat(repository.findById(OperatorId.random())).isEmpty();
  }

  @Test
  void findAccount_byUsernameOrEmailWithoutRegardToCase() {
    Operator alice = operator("alice");
    repository.add(alice, HASH);

    assertThat(repository.findAccount("ALICE")).contains(new OperatorAccount(alice, HASH, false));
    assertThat(repository.findAccount(" Alice@Example.com "))
        .contains(new OperatorAccount(alice, HASH, false));
    assertThat(repository.findAccount("bob")).isEmpty();
    assertThat(repository.findAccount("alice' OR '1'='1")).isEmpty();
  }

  @Test
  void add_refusesATakenUsernameOrEmail() {
    Operator alice = operator("alice");
    repository.add(alice, HASH);
    Operator sameName = operator("alice");
    Operator other = operator("other");
    Operator sameEmail = other.withProfile(alice.email(), other.displayName(), other.role());

    assertThat(repository.add(sameName, HASH)).isEqualTo(AddOutcome.USERNAME_TAKEN);
    assertThat(repository.add(sameEmail, HASH)).isEqualTo(AddOutcome.EMAIL_TAKEN);
    assertThat(repository.search("", KeysetRequest.first(10)).items()).hasSize(1);
  }

  @Test
  void update_writesProfileRoleAndActiveButKeepsTheUsername() {
    Operator alice = operator("alice");
    repository.add(alice, HASH);
    Operator changed =
        alice
            .withProfile(
                new EmailAddress("ada@example.org"), new DisplayName("Ada L."), Role.ADMINISTRATOR)
            .withActive(false);

    assertThat(repository.update(alice.id(), OperatorChanges.between(alice, changed)))
        .isEqualTo(new UpdateOutcome.Updated(alice, changed));

    assertThat(repository.findById(alice.id())).contains(changed);
    assertThat(repository.findAccount("ada@example.org")).isPresent();
    assertThat(repository.findAccount("alice@example.com")).isEmpty();
  }

  @Test
  void update_refusesAnEmailOfAnotherOperatorAndAnUnknownOperator() {
    Operator alice = operator("alice");
    Operator bob = operator("bob");
    repository.add(alice, HASH);
    repository.add(bob, HASH);

    assertThat(
            repository.update(
                bob.id(),
                OperatorChanges.between(
                    bob, bob.withProfile(alice.email(), bob.displayName(), bob.role()))))
        .isEqualTo(new UpdateOutcome.EmailTaken());
    assertThat(repository.update(operator("carol").id(), OperatorChanges.active(false)))
        .isEqualTo(new UpdateOutcome.NotFound());
    assertThat(repository.findById(bob.id())).contains(bob);
  }

  @Test
  void changePasswordHash_replacesTheHash() {
    Operator alice = operator("alice");
    repository.add(alice, HASH);
    var stronger = new PasswordHash("$test$stronger");

    assertThat(repository.changePasswordHash(alice.id(), HASH, stronger, false)).isTrue();

    assertThat(repository.findAccount("alice"))
        .map(OperatorAccount::passwordHash)
        .contains(stronger);
    assertThat(repository.changePasswordHash(alice.id(), stronger, HASH, true)).isTrue();
    assertThat(repository.findAccount(alice.id())).contains(new OperatorAccount(alice, HASH, true));
  }

  @Test
  void changePasswordHash_leavesAPasswordSetMeanwhile() {
    Operator alice = operator("alice");
    repository.add(alice, HASH);
    var chosen = new PasswordHash("$test$chosen");
    repository.setPassword(alice.id(), chosen, false);

    assertThat(
            repository.changePasswordHash(
                alice.id(), HASH, new PasswordHash("$test$rehash"), false))
        .isFalse();

    assertThat(repository.findAccount("alice")).map(OperatorAccount::passwordHash).contains(chosen);
  }

  @Test
  void setPassword_setsTheHashAndWhetherItMustBeChanged() {
    Operator alice = operator("alice");
    repository.add(alice, HASH);
    var temporary = new PasswordHash("$test$temporary");

    assertThat(repository.setPassword(alice.id(), temporary, true)).isTrue();
    assertThat(repository.findAccount(alice.id()))
        .contains(new OperatorAccount(alice, temporary, true));
    assertThat(repository.findAccount("alice"))
        .contains(new OperatorAccount(alice, temporary, true));

    repository.update(alice.id(), OperatorChanges.active(false));
    assertThat(repository.findAccount(alice.id()).orElseThrow().mustChangePassword()).isTrue();

    assertThat(repository.setPassword(alice.id(), HASH, false)).isTrue();
    assertThat(repository.findAccount(alice.id()))
        .contains(new OperatorAccount(alice.withActive(false), HASH, false));
    assertThat(repository.setPassword(OperatorId.random(), HASH, true)).isFalse();
    assertThat(repository.findAccount(OperatorId.random())).isEmpty();
  }

  @Test
  void concurrentRehashAndNewPassword_theNewPasswordStays() throws Exception {
    Operator alice = operator("alice");
    repository.add(alice, HASH);
    var chosen = new PasswordHash("$test$chosen");

    List<Boolean> results =
        AtOnce.run(
            List.of(
                () ->
                    repository.changePasswordHash(
                        alice.id(), HASH, new PasswordHash("$test$rehash"), false),
                () -> repository.setPassword(alice.id(), chosen, false)));

    // Whichever ran first, the password the operator chose is the one stored.
    assertThat(results.get(1)).isTrue();
    assertThat(repository.findAccount(alice.id()).orElseThrow().passwordHash()).isEqualTo(chosen);
  }

  @Test
  void search_findsTheStartOfAWordOfAnyFieldWithoutCaseAndPagesInUsernameOrder() {
    for (String name : new String[] {"dave", "carol", "bob", "alice", "erin"}) {
      repository.add(operator(name), HASH);
    }
    Operator mallory = operator("mallory");
    repository.add(
        mallory.withProfile(mallory.email(), new DisplayName("Mallory Évil"), mallory.role()),
        HASH);

    KeysetPage<Operator> first = repository.search("", KeysetRequest.first(4));
    KeysetPage<Operator> second =
        repository.search(
            "", KeysetRequest.at(first.items().getLast().position(Cursor.Direction.AFTER), 4));

    assertThat(first.items())
        .extracting(o -> o.username().value())
        .containsExactly("alice", "bob", "carol", "dave");
    assertThat(second.items())
        .extracting(o -> o.username().value())
        .containsExactly("erin", "mallory");
    assertThat(first.hasNext()).isTrue();
    assertThat(second.hasNext()).isFalse();
    assertThat(repository.search("ÉVIL", KeysetRequest.first(10)).items()).hasSize(1);
    assertThat(repository.search("EXAMPLE.COM", KeysetRequest.first(10)).items()).hasSize(6);
    assertThat(repository.search("mallory év", KeysetRequest.first(10)).items()).hasSize(1);
    assertThat(repository.search("CAR", KeysetRequest.first(10)).items())
        .extracting(o -> o.username().value())
        .containsExactly("carol");
    assertThat(repository.search("OPERATOR", KeysetRequest.first(10)).items()).hasSize(5);
  }

  @Test
  void search_doesNotFindTheMiddleOfAWord() {
    repository.add(operator("carol"), HASH);

    assertThat(repository.search("ro", KeysetRequest.first(10)).items()).isEmpty();
    assertThat(repository.search("xample", KeysetRequest.first(10)).items()).isEmpty();
    assertThat(repository.search("@example", KeysetRequest.first(10)).items()).isEmpty();
    assertThat(repository.search("perator", KeysetRequest.first(10)).items()).isEmpty();
  }

  @Test
  void search_listsAnOperatorFoundByManyWordsOnce() {
    Operator smith = operator("smith");
    repository.add(
        smith.withProfile(
            new EmailAddress("smith@smith.example"),
            new DisplayName("Smith Smithson"),
            smith.role()),
        HASH);

    KeysetPage<Operator> found = repository.search("smith", KeysetRequest.first(10));

    assertThat(found.items()).extracting(o -> o.username().value()).containsExactly("smith");
    assertThat(found.items()).hasSize(1);
  }

  @Test
  void search_findsAnOperatorByTheProfileAsUpdated() {
    Operator alice = operator("alice");
    repository.add(alice, HASH);

    repository.update(
        alice.id(),
        OperatorChanges.between(
            alice,
            alice.withProfile(
                new EmailAddress("ada@lovelace.example"),
                new DisplayName("Ada Byron"),
                alice.role())));

    assertThat(repository.search("ada@love", KeysetRequest.first(10)).items()).hasSize(1);
    assertThat(repository.search("byron", KeysetRequest.first(10)).items()).hasSize(1);
    assertThat(repository.search("alice@", KeysetRequest.first(10)).items()).isEmpty();
    assertThat(repository.search("operator", KeysetRequest.first(10)).items()).isEmpty();
    assertThat(repository.search("alice", KeysetRequest.first(10)).items()).hasSize(1);
  }

  @Test
  void search_treatsWildcardsAndQuotesAsPlainText() {
    repository.add(operator("alice"), HASH);

    assertThat(repository.search("%", KeysetRequest.first(10)).items()).isEmpty();
    assertThat(repository.search("_", KeysetRequest.first(10)).items()).isEmpty();
    assertThat(repository.search("\\", KeysetRequest.first(10)).items()).isEmpty();
    assertThat(repository.search("' OR 1=1 --", KeysetRequest.first(10)).items()).isEmpty();
  }

  @Test
  void concurrentRenames_leaveTheOperatorFoundByTheStoredNameOnly() throws Exception {
    Operator alice = operator("alice");
    repository.add(alice, HASH);
    List<String> names = List.of("Ada Byron", "Grace Hopper", "Mary Somerville", "Emmy Noether");

    for (int round = 0; round < 5; round++) {
      AtOnce.run(
          names.stream()
              .<Callable<UpdateOutcome>>map(
                  name ->
                      () ->
                          repository.update(
                              alice.id(),
                              new OperatorChanges(
                                  Optional.empty(),
                                  Optional.of(new DisplayName(name)),
                                  Optional.empty(),
                                  Optional.empty())))
              .toList());

      String stored = repository.findById(alice.id()).orElseThrow().displayName().value();
      for (String name : names) {
        String family = name.substring(name.indexOf(' ') + 1);
        assertThat(repository.search(family, KeysetRequest.first(10)).items())
            .as("found by %s while named %s", family, stored)
            .hasSize(name.equals(stored) ? 1 : 0);
      }
    }
  }

  @Test
  void update_neverLeavesNoActiveAdministrator() {
    Operator root = administrator("root");
    repository.add(root, HASH);

    assertThat(repository.update(root.id(), OperatorChanges.active(false)))
        .isEqualTo(new UpdateOutcome.LastAdministrator());
    assertThat(
            repository.update(
                root.id(),
                OperatorChanges.between(
                    root, root.withProfile(root.email(), root.displayName(), Role.OPERATOR))))
        .isEqualTo(new UpdateOutcome.LastAdministrator());
    assertThat(repository.findById(root.id())).contains(root);
  }

  @Test
  void concurrentDemotions_leaveOneActiveAdministrator() throws Exception {
    for (int round = 0; round < 10; round++) {
      setUp();
      Operator first = administrator("first");
      Operator second = administrator("second");
      repository.add(first, HASH);
      repository.add(second, HASH);
      var start = new java.util.concurrent.CountDownLatch(1);
      try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
        var a =
            pool.submit(
                () -> {
                  start.await();
                  return repository.update(first.id(), OperatorChanges.active(false));
                });
        var b =
            pool.submit(
                () -> {
                  start.await();
                  return repository.update(second.id(), OperatorChanges.active(false));
                });
        start.countDown();
        assertThat(List.of(a.get(), b.get()))
            .hasOnlyElementsOfTypes(
                UpdateOutcome.Updated.class, UpdateOutcome.LastAdministrator.class)
            .filteredOn(UpdateOutcome.LastAdministrator.class::isInstance)
            .hasSize(1);
      }
      assertThat(repository.countActiveAdministrators()).isEqualTo(1);
    }
  }

  @Test
  void update_writesOnlyTheGivenColumnsOverWhatIsStoredNow() {
    Operator alice = operator("alice");
    repository.add(alice, HASH);
    repository.update(alice.id(), OperatorChanges.active(false));
    Operator renamed = alice.withProfile(alice.email(), new DisplayName("Ada L."), alice.role());

    UpdateOutcome outcome = repository.update(alice.id(), OperatorChanges.between(alice, renamed));

    Operator stored = renamed.withActive(false);
    assertThat(outcome).isEqualTo(new UpdateOutcome.Updated(alice.withActive(false), stored));
    assertThat(repository.findById(alice.id())).contains(stored);
  }

  @Test
  void aDeactivationRacingEditsOfTheSameOperator_isNeverLost() throws Exception {
    repository.add(administrator("root"), HASH);
    Operator bob = operator("bob");
    repository.add(bob, HASH);
    for (int round = 0; round < 20; round++) {
      repository.update(bob.id(), OperatorChanges.active(true));
      Operator seen = repository.findById(bob.id()).orElseThrow();
      var barrier = new CyclicBarrier(4);
      List<Future<UpdateOutcome>> outcomes = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
        outcomes.add(
            pool.submit(
                () -> {
                  barrier.await(10, TimeUnit.SECONDS);
                  return repository.update(bob.id(), OperatorChanges.active(false));
                }));
        for (int i = 0; i < 3; i++) {
          Operator edited =
              seen.withProfile(
                  seen.email(), new DisplayName("Bob " + round + "." + i), seen.role());
          outcomes.add(
              pool.submit(
                  () -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return repository.update(bob.id(), OperatorChanges.between(seen, edited));
                  }));
        }
        for (Future<UpdateOutcome> outcome : outcomes) {
          assertThat(outcome.get()).isInstanceOf(UpdateOutcome.Updated.class);
        }
      }
      assertThat(repository.findById(bob.id()).orElseThrow().active())
          .as("round %d", round)
          .isFalse();
    }
  }

  @Test
  void aDemotionRacingADeactivationOfTheOtherAdministrator_leavesOneActiveAdministrator()
      throws Exception {
    for (int round = 0; round < 10; round++) {
      setUp();
      Operator first = administrator("first");
      Operator second = administrator("second");
      repository.add(first, HASH);
      repository.add(second, HASH);
      var barrier = new CyclicBarrier(2);
      try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
        Future<UpdateOutcome> demoted =
            pool.submit(
                () -> {
                  barrier.await(10, TimeUnit.SECONDS);
                  return repository.update(
                      first.id(),
                      OperatorChanges.between(
                          first,
                          first.withProfile(first.email(), first.displayName(), Role.OPERATOR)));
                });
        Future<UpdateOutcome> deactivated =
            pool.submit(
                () -> {
                  barrier.await(10, TimeUnit.SECONDS);
                  return repository.update(second.id(), OperatorChanges.active(false));
                });
        assertThat(List.of(demoted.get(), deactivated.get()))
            .hasOnlyElementsOfTypes(
                UpdateOutcome.Updated.class, UpdateOutcome.LastAdministrator.class)
            .filteredOn(UpdateOutcome.LastAdministrator.class::isInstance)
            .hasSize(1);
      }
      assertThat(repository.countActiveAdministrators()).isEqualTo(1);
    }
  }

  @Test
  void countActiveAdministrators_countsOnlyActiveAdministrators() {
    repository.add(administrator("root"), HASH);
    Operator retired = administrator("retired");
    repository.add(retired, HASH);
    repository.add(operator("alice"), HASH);
    repository.update(retired.id(), OperatorChanges.active(false));

    assertThat(repository.countActiveAdministrators()).isEqualTo(1);
  }

  @Test
  void timeZone_isNoneUntilChosen_thenTheLastChoice() {
    Operator alice = operator("alice");
    Operator bob = operator("bob");
    repository.add(alice, HASH);
    repository.add(bob, HASH);

    assertThat(repository.timeZone(alice.id())).isEmpty();
    assertThat(repository.setTimeZone(alice.id(), ZoneId.of("Europe/Berlin"))).isTrue();
    assertThat(repository.setTimeZone(alice.id(), ZoneId.of("America/Argentina/ComodRivadavia")))
        .isTrue();

    assertThat(repository.timeZone(alice.id()))
        .contains(ZoneId.of("America/Argentina/ComodRivadavia"));
    assertThat(repository.timeZone(bob.id())).isEmpty();
    assertThat(repository.findById(alice.id())).contains(alice);
  }

  @Test
  void setTimeZone_ofNoOperator_isFalseAndStoresNothing() {
    OperatorId nobody = OperatorId.random();

    assertThat(repository.setTimeZone(nobody, ZoneId.of("UTC"))).isFalse();
    assertThat(repository.timeZone(nobody)).isEmpty();
  }

  @Test
  void language_isNoneUntilChosen_thenTheLastChoice_andComesWithTheAccount() {
    Operator alice = operator("alice");
    Operator bob = operator("bob");
    repository.add(alice, HASH);
    repository.add(bob, HASH);

    assertThat(repository.language(alice.id())).isEmpty();
    assertThat(repository.findAccount(alice.id()).orElseThrow().language()).isEmpty();
    assertThat(repository.setLanguage(alice.id(), Locale.GERMAN)).isTrue();
    assertThat(repository.setLanguage(alice.id(), Locale.ENGLISH)).isTrue();
    assertThat(repository.setLanguage(alice.id(), Locale.GERMAN)).isTrue();

    assertThat(repository.language(alice.id())).contains(Locale.GERMAN);
    assertThat(repository.findAccount(alice.id()))
        .contains(new OperatorAccount(alice, HASH, false, Optional.of(Locale.GERMAN)));
    assertThat(repository.findAccount("ALICE").orElseThrow().language()).contains(Locale.GERMAN);
    assertThat(repository.language(bob.id())).isEmpty();
    assertThat(repository.findAccount(bob.id()).orElseThrow().language()).isEmpty();
    assertThat(repository.findById(alice.id())).contains(alice);
  }

  @Test
  void language_survivesAPasswordChange() {
    Operator alice = operator("alice");
    repository.add(alice, HASH);
    repository.setLanguage(alice.id(), Locale.GERMAN);

    repository.setPassword(alice.id(), HASH, true);

    assertThat(repository.findAccount(alice.id()))
        .contains(new OperatorAccount(alice, HASH, true, Optional.of(Locale.GERMAN)));
  }

  @Test
  void setLanguage_ofNoOperator_isFalseAndStoresNothing() {
    OperatorId nobody = OperatorId.random();

    assertThat(repository.setLanguage(nobody, Locale.GERMAN)).isFalse();
    assertThat(repository.language(nobody)).isEmpty();
  }

  /** The usernames of the pages of a listing, walked forward from the first, then back. */
  private List<String> walk(String text, int size) {
    List<String> seen = new ArrayList<>();
    KeysetPage<Operator> page = repository.search(text, KeysetRequest.first(size));
    assertThat(page.hasPrevious()).isFalse();
    seen.addAll(usernames(page));
    while (page.hasNext()) {
      Cursor after = page.items().getLast().position(Cursor.Direction.AFTER);
      page = repository.search(text, KeysetRequest.at(after, size));
      assertThat(page.hasPrevious()).isTrue();
      assertThat(page.items()).hasSizeBetween(1, size);
      seen.addAll(usernames(page));
    }
    List<String> back = new ArrayList<>(usernames(page));
    while (page.hasPrevious()) {
      Cursor before = page.items().getFirst().position(Cursor.Direction.BEFORE);
      page = repository.search(text, KeysetRequest.at(before, size));
      assertThat(page.hasNext()).isTrue();
      assertThat(page.items()).hasSize(size);
      back.addAll(0, usernames(page));
    }
    assertThat(back).as("walked back").isEqualTo(seen);
    return seen;
  }

  private static List<String> usernames(KeysetPage<Operator> page) {
    return page.items().stream().map(o -> o.username().value()).toList();
  }

  @Test
  void search_walkedAfterTheLastRowAndBeforeTheFirst_showsEveryOperatorExactlyOnce() {
    List<String> all = new ArrayList<>();
    // Added out of order, with shared prefixes, so that the order is the store's own. Usernames are
    // unique, so the identity never decides here; KeysetRequestTest walks rows with equal keys.
    for (int i = 22; i >= 0; i--) {
      String username = (i % 2 == 0 ? "ann" : "an") + i;
      all.add(username);
      repository.add(operator(username), HASH);
    }
    List<String> ordered = usernames(repository.search("", KeysetRequest.first(100)));

    assertThat(ordered).containsExactlyInAnyOrderElementsOf(all);
    for (int size : new int[] {1, 4, 5, 23, 24}) {
      assertThat(walk("", size)).as("pages of %d", size).isEqualTo(ordered);
    }
    assertThat(walk("ann", 3))
        .isEqualTo(ordered.stream().filter(u -> u.startsWith("ann")).toList());
  }

  @Test
  void search_aPositionWhoseOperatorIsGoneStillLeadsToTheRowsAroundIt() {
    for (String name : new String[] {"alice", "bob", "dave", "erin"}) {
      repository.add(operator(name), HASH);
    }
    String nobody = OperatorId.random().toString();

    KeysetPage<Operator> after =
        repository.search(
            "", KeysetRequest.at(new Cursor(Cursor.Direction.AFTER, "carol", nobody), 10));
    KeysetPage<Operator> before =
        repository.search(
            "", KeysetRequest.at(new Cursor(Cursor.Direction.BEFORE, "carol", nobody), 10));
    KeysetPage<Operator> beyondTheEnd =
        repository.search(
            "", KeysetRequest.at(new Cursor(Cursor.Direction.AFTER, "zed", nobody), 10));

    assertThat(usernames(after)).containsExactly("dave", "erin");
    assertThat(after.hasPrevious()).isTrue();
    assertThat(after.hasNext()).isFalse();
    // Nothing lies before alice: the first page, which holds them all.
    assertThat(usernames(before)).containsExactly("alice", "bob", "dave", "erin");
    assertThat(before.hasPrevious()).isFalse();
    assertThat(before.hasNext()).isFalse();
    assertThat(beyondTheEnd.items()).isEmpty();
  }

  /**
   * "Previous" from a page after operators before it left the listing (here, by a new display name
   * that the search no longer finds) shows the whole first page, and "Next" only while rows follow.
   */
  @Test
  void search_backwardsToTheStartAfterOperatorsLeft_isTheWholeFirstPage() {
    List<Operator> listed = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      Operator operator = operator("op" + i);
      repository.add(operator, HASH);
      rename(operator, "Teal Team");
      listed.add(operator);
    }
    KeysetPage<Operator> second =
        repository.search(
            "teal", KeysetRequest.at(listed.get(2).position(Cursor.Direction.AFTER), 3));
    assertThat(usernames(second)).containsExactly("op4", "op5", "op6");
    KeysetRequest previous =
        KeysetRequest.at(second.items().getFirst().position(Cursor.Direction.BEFORE), 3);

    rename(listed.get(0), "Red Team");
    rename(listed.get(1), "Red Team");
    KeysetPage<Operator> first = repository.search("teal", previous);

    assertThat(usernames(first)).containsExactly("op3", "op4", "op5");
    assertThat(first.hasPrevious()).isFalse();
    assertThat(first.hasNext()).isTrue();

    for (Operator gone : listed.subList(4, 8)) {
      rename(gone, "Red Team");
    }
    KeysetPage<Operator> all = repository.search("teal", previous);

    assertThat(usernames(all)).containsExactly("op3", "op4");
    assertThat(all.hasPrevious()).isFalse();
    assertThat(all.hasNext()).isFalse();
  }

  private void rename(Operator operator, String displayName) {
    Operator renamed =
        operator.withProfile(operator.email(), new DisplayName(displayName), operator.role());
    assertThat(repository.update(operator.id(), OperatorChanges.between(operator, renamed)))
        .isInstanceOf(UpdateOutcome.Updated.class);
  }
}
