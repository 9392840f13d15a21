package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.actingAs;
import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.application.port.in.CreateOperatorCommand;
import io.supportpro.application.port.in.CreateOperatorResult;
import io.supportpro.application.port.in.CreateOperatorResult.Created;
import io.supportpro.application.port.in.CreateOperatorResult.Invalid;
import io.supportpro.application.port.in.OperatorField;
import io.supportpro.application.port.out.OperatorAccount;
import io.supportpro.application.port.out.PasswordHasher;
import io.supportpro.application.testing.FakePasswordHasher;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryOperatorRepository;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.DisplayName;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.operator.PasswordPolicy;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.operator.Username;
import io.supportpro.domain.page.KeysetRequest;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreateOperatorServiceTest {
  private static final String GOOD_PASSWORD = "violet-Harbour-47-kettle";
  private static final PasswordHash EXISTING_HASH = new PasswordHash("$test$hash");

  private final Operator root = administrator("root");
  private final Actor admin = actingAs(root);
  private final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  private final FakePasswordHasher hasher = new FakePasswordHasher();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final MutableClock clock = MutableClock.atStart();
  private final CreateOperatorService service =
      new CreateOperatorService(operators, hasher, PasswordPolicy.standard(), audit, clock);

  @BeforeEach
  void setUp() {
    operators.add(root, EXISTING_HASH);
  }

  private CreateOperatorCommand command(
      String username, String email, String displayName, String role, String password) {
    return new CreateOperatorCommand(
        admin, username, email, displayName, role, new Password(password));
  }

  private CreateOperatorResult createAda(String password) {
    return service.create(command("ada", "ada@example.com", "Ada Lovelace", "operator", password));
  }

  private long storedOperators() {
    return operators.search("", KeysetRequest.first(10)).items().size();
  }

  @Test
  void create_storesAnActiveOperatorFromTheTypedFields() {
    CreateOperatorResult result =
        service.create(
            command(
                "  Ada.Lovelace ",
                " Ada@Example.COM ",
                "  Ada Lovelace ",
                "Administrator",
                GOOD_PASSWORD));

    Operator ada = ((Created) result).operator();
    assertThat(ada.username()).isEqualTo(new Username("ada.lovelace"));
    assertThat(ada.email()).isEqualTo(new EmailAddress("ada@example.com"));
    assertThat(ada.displayName()).isEqualTo(new DisplayName("Ada Lovelace"));
    assertThat(ada.role()).isEqualTo(Role.ADMINISTRATOR);
    assertThat(ada.active()).isTrue();
    assertThat(operators.findById(ada.id())).contains(ada);
  }

  @Test
  void create_auditsWhoCreatedWhomWithUsernameAndRole() {
    Operator ada = ((Created) createAda(GOOD_PASSWORD)).operator();

    assertThat(audit.all())
        .containsExactly(
            new AuditEvent(
                clock.now(),
                AuditEventType.OPERATOR_CREATED,
                admin,
                ada.id().toString(),
                Map.of("username", "ada", "role", "OPERATOR")));
  }

  @Test
  void create_storesAHashThatMatchesThePasswordButIsNotIt() {
    createAda(GOOD_PASSWORD);

    OperatorAccount account = operators.findAccount("ada").orElseThrow();

    assertThat(account.passwordHash().encoded()).doesNotContain(GOOD_PASSWORD);
    assertThat(hasher.matches(new Password(GOOD_PASSWORD), account.passwordHash())).isTrue();
    assertThat(hasher.matches(new Password(GOOD_PASSWORD + "x"), account.passwordHash())).isFalse();
  }

  @Test
  void create_neverWritesThePasswordIntoTheAuditLog() {
    createAda(GOOD_PASSWORD);

    assertThat(audit.all().toString()).doesNotContain(GOOD_PASSWORD);
  }

  @Test
  void create_reportsEveryBadFieldAtOnce() {
    CreateOperatorResult result = service.create(command("", "nope", " ", "boss", "short"));

    assertThat(result).isInstanceOf(Invalid.class);
    assertThat(((Invalid) result).problems())
        .containsOnlyKeys(
            OperatorField.USERNAME,
            OperatorField.EMAIL,
            OperatorField.DISPLAY_NAME,
            OperatorField.ROLE,
            OperatorField.PASSWORD);
    assertThat(storedOperators()).isEqualTo(1);
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void create_givesEachFieldTheMessageOfItsRule() {
    CreateOperatorResult result =
        service.create(command("a b", "ada@", "x".repeat(101), "admin", "short"));

    assertThat(messages(result))
        .isEqualTo(
            Map.of(
                OperatorField.USERNAME,
                "A username may hold only letters, digits, dots, dashes and underscores.",
                OperatorField.EMAIL,
                "An e-mail address looks like name@example.com, with no spaces.",
                OperatorField.DISPLAY_NAME,
                "A display name has 1 to 100 characters.",
                OperatorField.ROLE,
                "A role is either administrator or operator.",
                OperatorField.PASSWORD,
                "A password has at least 12 characters."));
  }

  @Test
  void create_treatsMissingFieldsAsEmpty() {
    CreateOperatorResult result =
        service.create(
            new CreateOperatorCommand(admin, null, null, null, null, new Password(GOOD_PASSWORD)));

    assertThat(((Invalid) result).problems())
        .containsOnlyKeys(
            OperatorField.USERNAME,
            OperatorField.EMAIL,
            OperatorField.DISPLAY_NAME,
            OperatorField.ROLE);
  }

  @Test
  void create_refusesATakenUsernameWithoutRegardToCase() {
    CreateOperatorResult result =
        service.create(command("ROOT", "other@example.com", "Other", "operator", GOOD_PASSWORD));

    assertThat(messages(result))
        .isEqualTo(Map.of(OperatorField.USERNAME, "That username is already taken."));
    assertThat(storedOperators()).isEqualTo(1);
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void create_refusesATakenEmailWithoutRegardToCase() {
    CreateOperatorResult result =
        service.create(command("other", "ROOT@example.com", "Other", "operator", GOOD_PASSWORD));

    assertThat(messages(result))
        .isEqualTo(Map.of(OperatorField.EMAIL, "That e-mail address is already in use."));
    assertThat(storedOperators()).isEqualTo(1);
    assertThat(audit.all()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "short-pw    | A password has at least 12 characters.",
        "Password1234 | That password is too common or too easy to guess; choose another.",
        "abcabcabcabcabc | That password is too common or too easy to guess; choose another.",
        "my-ADA-password-47 | A password cannot contain the username."
      })
  void create_refusesAPasswordThePolicyRefuses(String password, String message) {
    CreateOperatorResult result = createAda(password);

    assertThat(messages(result)).isEqualTo(Map.of(OperatorField.PASSWORD, message));
    assertThat(operators.findAccount("ada")).isEmpty();
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void create_refusesAPasswordLongerThanTheMaximum() {
    CreateOperatorResult result = createAda("Tr0ub4dor&3".repeat(30));

    assertThat(messages(result))
        .isEqualTo(Map.of(OperatorField.PASSWORD, "A password has at most 256 characters."));
  }

  @Test
  void create_comparesThePasswordWithTheNormalisedUsername() {
    CreateOperatorResult result =
        service.create(
            command(" Ada ", "ada@example.com", "Ada", "operator", "xx-ada-violet-harbour"));

    assertThat(messages(result))
        .isEqualTo(Map.of(OperatorField.PASSWORD, "A password cannot contain the username."));
  }

  @Test
  void create_doesNotHashAPasswordItRefuses() {
    PasswordHasher refusingHasher =
        new PasswordHasher() {
          @Override
          public PasswordHash hash(Password password) {
            throw new AssertionError("an invalid request must not be hashed");
          }

          @Override
          public boolean matches(Password password, PasswordHash hash) {
            return false;
          }

          @Override
          public boolean needsRehash(PasswordHash hash) {
            return false;
          }

          @Override
          public PasswordHash unmatchable() {
            throw new AssertionError("creating an operator checks no password");
          }
        };
    var strict =
        new CreateOperatorService(
            operators, refusingHasher, PasswordPolicy.standard(), audit, clock);

    CreateOperatorResult result =
        strict.create(command("ada", "not-an-address", "Ada", "operator", GOOD_PASSWORD));

    assertThat(result).isInstanceOf(Invalid.class);
  }

  @Test
  void create_acceptsAnOperatorWhoseNamesAreLikeAnothers() {
    operators.add(operator("adam"), EXISTING_HASH);

    assertThat(createAda(GOOD_PASSWORD)).isInstanceOf(Created.class);
    assertThat(storedOperators()).isEqualTo(3);
  }

  @Test
  void new_refusesMissingPorts() {
    var policy = PasswordPolicy.standard();
    assertThatNullPointerException()
        .isThrownBy(() -> new CreateOperatorService(null, hasher, policy, audit, clock));
    assertThatNullPointerException()
        .isThrownBy(() -> new CreateOperatorService(operators, null, policy, audit, clock));
    assertThatNullPointerException()
        .isThrownBy(() -> new CreateOperatorService(operators, hasher, null, audit, clock));
    assertThatNullPointerException()
        .isThrownBy(() -> new CreateOperatorService(operators, hasher, policy, null, clock));
    assertThatNullPointerException()
        .isThrownBy(() -> new CreateOperatorService(operators, hasher, policy, audit, null));
  }

  /** The English sentence of each refused field. */
  private static Map<OperatorField, String> messages(CreateOperatorResult result) {
    return ((Invalid) result)
        .problems().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().message()));
  }
}
