package io.supportpro.adapter.out.persistence;

import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.OperatorRepository.AddOutcome;
import io.supportpro.application.testing.OperatorRepositoryContract;
import io.supportpro.domain.operator.DisplayName;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.operator.Username;
import io.supportpro.domain.page.KeysetRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JooqOperatorRepositoryIT {
  private static final PasswordHash HASH = new PasswordHash("$test$hash");

  @Nested
  class OnH2 extends OperatorRepositoryContract {
    @Override
    protected OperatorRepository emptyRepository() {
      return TestDatabase.H2.emptied().operators();
    }
  }

  @Nested
  class OnPostgres extends OperatorRepositoryContract {
    @Override
    protected OperatorRepository emptyRepository() {
      return TestDatabase.POSTGRES.emptied().operators();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void add_storesTheLongestNamesTheDomainAllows(TestDatabase database) {
    OperatorRepository operators = database.emptied().operators();
    // Letters outside the basic plane take two UTF-16 units each, which H2 counts.
    String mathBold = "\uD835\uDC1A".repeat(64);
    var widest =
        new Operator(
            OperatorId.random(),
            new Username(mathBold),
            new EmailAddress("x".repeat(64) + "@" + "d".repeat(177) + ".example.com"),
            new DisplayName("🔑".repeat(100)),
            Role.ADMINISTRATOR,
            true);
    // 'İ' becomes two characters when lower-cased.
    Operator dotted = operator("dotted");
    dotted = dotted.withProfile(dotted.email(), new DisplayName("İ".repeat(100)), dotted.role());

    assertThat(operators.add(widest, HASH)).isEqualTo(AddOutcome.ADDED);
    assertThat(operators.add(dotted, HASH)).isEqualTo(AddOutcome.ADDED);

    assertThat(operators.findById(widest.id())).contains(widest);
    assertThat(operators.findById(dotted.id())).contains(dotted);
    assertThat(operators.findAccount(mathBold)).isPresent();
    assertThat(operators.search("🔑🔑", KeysetRequest.first(10)).items()).containsExactly(widest);
    assertThat(operators.search("İ", KeysetRequest.first(10)).items()).containsExactly(dotted);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void search_matchesWildcardCharactersLiterally(TestDatabase database) {
    OperatorRepository operators = database.emptied().operators();
    for (String name : new String[] {"a_b", "axb", "a.b"}) {
      operators.add(operator(name), HASH);
    }
    Operator percent = operator("percent");
    operators.add(
        percent.withProfile(percent.email(), new DisplayName("100% Sure"), percent.role()), HASH);

    assertThat(usernames(operators, "a_b")).containsExactly("a_b");
    assertThat(usernames(operators, "a_")).containsExactly("a_b");
    assertThat(usernames(operators, "100% s")).containsExactly("percent");
    assertThat(usernames(operators, "1%")).isEmpty();
    assertThat(usernames(operators, "A.B")).containsExactly("a.b");
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void add_concurrentlyWithOneUsername_exactlyOneIsAdded(TestDatabase database) throws Exception {
    OperatorRepository operators = database.emptied().operators();
    var start = new CountDownLatch(1);
    List<Future<AddOutcome>> outcomes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 8; i++) {
        Operator same = operator("racer");
        Operator sameName =
            same.withProfile(
                new EmailAddress("racer" + i + "@example.com"), same.displayName(), same.role());
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  return operators.add(sameName, HASH);
                }));
      }
      start.countDown();
      List<AddOutcome> results = new ArrayList<>();
      for (Future<AddOutcome> outcome : outcomes) {
        results.add(outcome.get());
      }
      assertThat(results).containsOnlyOnce(AddOutcome.ADDED);
      assertThat(results)
          .filteredOn(r -> r != AddOutcome.ADDED)
          .containsOnly(AddOutcome.USERNAME_TAKEN);
    }
  }

  private static List<String> usernames(OperatorRepository operators, String text) {
    return operators.search(text, KeysetRequest.first(10)).items().stream()
        .map(o -> o.username().value())
        .toList();
  }
}
