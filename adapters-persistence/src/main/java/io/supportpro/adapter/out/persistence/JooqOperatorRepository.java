package io.supportpro.adapter.out.persistence;

import static io.supportpro.adapter.out.persistence.SqlErrors.guard;
import static io.supportpro.adapter.out.persistence.jooq.Tables.OPERATOR;
import static io.supportpro.adapter.out.persistence.jooq.Tables.OPERATOR_SEARCH_TERM;

import io.supportpro.application.port.out.OperatorAccount;
import io.supportpro.application.port.out.OperatorChanges;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.domain.operator.DisplayName;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.OperatorSearch;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.operator.Username;
import io.supportpro.domain.page.Cursor;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** Operators in the {@code operator} table. */
final class JooqOperatorRepository implements OperatorRepository {
  private static final int MAX_HASH_LENGTH = 512;
  private static final char LIKE_ESCAPE = '\\';
  static final List<SelectField<?>> PROFILE =
      List.of(
          OPERATOR.ID,
          OPERATOR.USERNAME,
          OPERATOR.EMAIL,
          OPERATOR.DISPLAY_NAME,
          OPERATOR.ROLE,
          OPERATOR.ACTIVE);
  private static final Condition ACTIVE_ADMINISTRATOR =
      OPERATOR.ROLE.eq(Role.ADMINISTRATOR.name()).and(OPERATOR.ACTIVE.isTrue());
  private static final List<SelectField<?>> ACCOUNT =
      Stream.concat(
              PROFILE.stream(),
              Stream.of(OPERATOR.PASSWORD_HASH, OPERATOR.MUST_CHANGE_PASSWORD, OPERATOR.LANGUAGE))
          .toList();

  private final DSLContext dsl;
  private final RenderedQuery accountById;
  private final RenderedQuery accountByUsername;
  private final RenderedQuery accountByEmail;

  JooqOperatorRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.accountById = accountWhere(dsl, OPERATOR.ID);
    this.accountByUsername = accountWhere(dsl, OPERATOR.USERNAME);
    this.accountByEmail = accountWhere(dsl, OPERATOR.EMAIL);
  }

  /** The look-up of an account by the value of one unique column. */
  private static <T> RenderedQuery accountWhere(DSLContext dsl, Field<T> column) {
    return RenderedQuery.of(
        dsl,
        dsl.select(ACCOUNT).from(OPERATOR).where(column.eq(DSL.param("value", column.getType()))));
  }

  @Override
  public AddOutcome add(Operator operator, PasswordHash passwordHash) {
    Objects.requireNonNull(operator, "operator");
    String hash = checkedHash(passwordHash);
    return guard(
        "adding an operator",
        () -> {
          try {
            dsl.transaction(
                configuration -> {
                  DSLContext tx = DSL.using(configuration);
                  tx.insertInto(OPERATOR)
                      .set(OPERATOR.ID, operator.id().value())
                      .set(OPERATOR.USERNAME, operator.username().value())
                      .set(OPERATOR.EMAIL, operator.email().value())
                      .set(OPERATOR.DISPLAY_NAME, operator.displayName().value())
                      .set(OPERATOR.ROLE, operator.role().name())
                      .set(OPERATOR.ACTIVE, operator.active())
                      .set(OPERATOR.PASSWORD_HASH, hash)
                      .execute();
                  insertSearchTerms(tx, operator);
                });
            return AddOutcome.ADDED;
          } catch (DataAccessException e) {
            if (!SqlErrors.isUniqueViolation(e)) {
              throw e;
            }
            return whichTaken(operator, e);
          }
        });
  }

  /**
   * Which unique value the refused row repeats. Looking it up (rather than reading only the error)
   * reports a taken username first whichever index the database happened to check first; the
   * constraint name decides only if the other row has gone again.
   */
  private AddOutcome whichTaken(Operator operator, DataAccessException e) {
    if (dsl.fetchExists(OPERATOR, OPERATOR.USERNAME.eq(operator.username().value()))) {
      return AddOutcome.USERNAME_TAKEN;
    }
    if (dsl.fetchExists(OPERATOR, OPERATOR.EMAIL.eq(operator.email().value()))) {
      return AddOutcome.EMAIL_TAKEN;
    }
    if (SqlErrors.names(e, "operator_username_uk")) {
      return AddOutcome.USERNAME_TAKEN;
    }
    if (SqlErrors.names(e, "operator_email_uk")) {
      return AddOutcome.EMAIL_TAKEN;
    }
    throw e;
  }

  @Override
  public UpdateOutcome update(OperatorId id, OperatorChanges changes) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(changes, "changes");
    return guard(
        "updating an operator",
        () -> {
          try {
            return dsl.transactionResult(
                configuration -> update(DSL.using(configuration), id, changes));
          } catch (DataAccessException e) {
            // Only the e-mail address is unique among the columns an update changes.
            if (SqlErrors.isUniqueViolation(e)
                && changes.email().isPresent()
                && (SqlErrors.names(e, "operator_email_uk")
                    || emailTakenByAnother(dsl, id, changes.email().get()))) {
              return new UpdateOutcome.EmailTaken();
            }
            throw e;
          }
        });
  }

  /**
   * Locks the operator's row, applies the changes to what is stored now and writes only the columns
   * they alter. A change that may leave the operator anything but an active administrator first
   * locks every active administrator's row, in one order, and counts them: of two administrators
   * demoting each other at once, the second waits for the first, then counts again and finds only
   * itself left. Taking those locks before the operator's own keeps the order the same for all.
   */
  private static UpdateOutcome update(DSLContext tx, OperatorId id, OperatorChanges changes) {
    List<UUID> activeAdministrators =
        changes.mayDemote()
            ? tx.select(OPERATOR.ID)
                .from(OPERATOR)
                .where(ACTIVE_ADMINISTRATOR)
                .orderBy(OPERATOR.ID)
                .forUpdate()
                .fetch(OPERATOR.ID)
            : List.of();
    Optional<Operator> stored =
        tx.select(PROFILE)
            .from(OPERATOR)
            .where(OPERATOR.ID.eq(id.value()))
            .forUpdate()
            .fetchOptional(JooqOperatorRepository::operator);
    if (stored.isEmpty()) {
      return new UpdateOutcome.NotFound();
    }
    Operator before = stored.get();
    Operator after = changes.applyTo(before);
    if (changes.email().isPresent() && emailTakenByAnother(tx, id, after.email())) {
      return new UpdateOutcome.EmailTaken();
    }
    if (before.isActiveAdministrator()
        && !after.isActiveAdministrator()
        && activeAdministrators.stream().allMatch(id.value()::equals)) {
      return new UpdateOutcome.LastAdministrator();
    }
    // The username is the sign-in name and is deliberately never among the columns set.
    Map<Field<?>, Object> columns = new LinkedHashMap<>();
    if (!before.email().equals(after.email())) {
      columns.put(OPERATOR.EMAIL, after.email().value());
    }
    if (!before.displayName().equals(after.displayName())) {
      columns.put(OPERATOR.DISPLAY_NAME, after.displayName().value());
    }
    if (before.role() != after.role()) {
      columns.put(OPERATOR.ROLE, after.role().name());
    }
    if (before.active() != after.active()) {
      columns.put(OPERATOR.ACTIVE, after.active());
    }
    if (!columns.isEmpty()) {
      tx.update(OPERATOR).set(columns).where(OPERATOR.ID.eq(id.value())).execute();
    }
    if (!OperatorSearch.terms(before).equals(OperatorSearch.terms(after))) {
      tx.deleteFrom(OPERATOR_SEARCH_TERM)
          .where(OPERATOR_SEARCH_TERM.OPERATOR_ID.eq(id.value()))
          .execute();
      insertSearchTerms(tx, after);
    }
    return new UpdateOutcome.Updated(before, after);
  }

  /** The rows a search finds the operator by, in the same transaction as the operator's row. */
  private static void insertSearchTerms(DSLContext tx, Operator operator) {
    var insert =
        tx.insertInto(
            OPERATOR_SEARCH_TERM, OPERATOR_SEARCH_TERM.OPERATOR_ID, OPERATOR_SEARCH_TERM.TERM);
    for (String term : OperatorSearch.terms(operator)) {
      insert = insert.values(operator.id().value(), term);
    }
    insert.execute();
  }

  private static boolean emailTakenByAnother(DSLContext dsl, OperatorId id, EmailAddress email) {
    return dsl.fetchExists(
        OPERATOR, OPERATOR.EMAIL.eq(email.value()).and(OPERATOR.ID.ne(id.value())));
  }

  @Override
  public boolean changePasswordHash(
      OperatorId id, PasswordHash current, PasswordHash next, boolean mustChange) {
    Objects.requireNonNull(id, "id");
    String expected = Objects.requireNonNull(current, "current").encoded();
    String hash = checkedHash(next);
    // One conditional statement: the row lock orders it against a concurrent new password.
    return guard(
            "changing a password hash",
            () ->
                dsl.update(OPERATOR)
                    .set(OPERATOR.PASSWORD_HASH, hash)
                    .set(OPERATOR.MUST_CHANGE_PASSWORD, mustChange)
                    .where(OPERATOR.ID.eq(id.value()))
                    .and(OPERATOR.PASSWORD_HASH.eq(expected))
                    .execute())
        == 1;
  }

  @Override
  public boolean setPassword(OperatorId id, PasswordHash passwordHash, boolean mustChange) {
    Objects.requireNonNull(id, "id");
    String hash = checkedHash(passwordHash);
    return guard(
            "setting a password",
            () ->
                dsl.update(OPERATOR)
                    .set(OPERATOR.PASSWORD_HASH, hash)
                    .set(OPERATOR.MUST_CHANGE_PASSWORD, mustChange)
                    .where(OPERATOR.ID.eq(id.value()))
                    .execute())
        == 1;
  }

  @Override
  public Optional<ZoneId> timeZone(OperatorId id) {
    Objects.requireNonNull(id, "id");
    return guard(
        "reading an operator's time zone",
        () ->
            dsl.select(OPERATOR.TIME_ZONE)
                .from(OPERATOR)
                .where(OPERATOR.ID.eq(id.value()))
                .fetchOptional(OPERATOR.TIME_ZONE)
                .flatMap(JooqOperatorRepository::zone));
  }

  /** A stored zone this JVM does not know (written by hand, or by a newer one) reads as none. */
  private static Optional<ZoneId> zone(String stored) {
    try {
      return Optional.ofNullable(stored).map(ZoneId::of);
    } catch (DateTimeException unknown) {
      return Optional.empty();
    }
  }

  @Override
  public boolean setTimeZone(OperatorId id, ZoneId zone) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(zone, "zone");
    return guard(
            "setting an operator's time zone",
            () ->
                dsl.update(OPERATOR)
                    .set(OPERATOR.TIME_ZONE, zone.getId())
                    .where(OPERATOR.ID.eq(id.value()))
                    .execute())
        == 1;
  }

  @Override
  public Optional<Locale> language(OperatorId id) {
    Objects.requireNonNull(id, "id");
    return guard(
        "reading an operator's language",
        () ->
            dsl.select(OPERATOR.LANGUAGE)
                .from(OPERATOR)
                .where(OPERATOR.ID.eq(id.value()))
                .fetchOptional(OPERATOR.LANGUAGE)
                .flatMap(JooqOperatorRepository::language));
  }

  /** A stored tag that names no language (written by hand) reads as none. */
  private static Optional<Locale> language(String stored) {
    return Optional.ofNullable(stored)
        .map(Locale::forLanguageTag)
        .filter(language -> !language.getLanguage().isEmpty());
  }

  @Override
  public boolean setLanguage(OperatorId id, Locale language) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(language, "language");
    return guard(
            "setting an operator's language",
            () ->
                dsl.update(OPERATOR)
                    .set(OPERATOR.LANGUAGE, language.toLanguageTag())
                    .where(OPERATOR.ID.eq(id.value()))
                    .execute())
        == 1;
  }

  @Override
  public Optional<OperatorAccount> findAccount(OperatorId id) {
    Objects.requireNonNull(id, "id");
    return guard("reading an account", () -> account(accountById, id.value()));
  }

  @Override
  public Optional<Operator> findById(OperatorId id) {
    Objects.requireNonNull(id, "id");
    return guard(
        "reading an operator",
        () ->
            dsl.select(PROFILE)
                .from(OPERATOR)
                .where(OPERATOR.ID.eq(id.value()))
                .fetchOptional(JooqOperatorRepository::operator));
  }

  @Override
  public Optional<OperatorAccount> findAccount(String login) {
    String folded = Objects.requireNonNull(login, "login").strip().toLowerCase(Locale.ROOT);
    if (folded.isEmpty()) {
      return Optional.empty();
    }
    // Two single-index look-ups rather than one OR, which H2 would answer with a scan.
    return guard(
        "finding an account",
        () -> account(accountByUsername, folded).or(() -> account(accountByEmail, folded)));
  }

  private Optional<OperatorAccount> account(RenderedQuery lookUp, Object value) {
    return lookUp
        .fetchOptional(dsl, value)
        .map(
            r ->
                new OperatorAccount(
                    operator(r),
                    new PasswordHash(r.get(OPERATOR.PASSWORD_HASH)),
                    r.get(OPERATOR.MUST_CHANGE_PASSWORD),
                    language(r.get(OPERATOR.LANGUAGE))));
  }

  @Override
  public KeysetPage<Operator> search(String text, KeysetRequest page) {
    Objects.requireNonNull(page, "page");
    Condition where = found(OperatorSearch.fold(Objects.requireNonNull(text, "text")));
    return guard("searching operators", () -> pageOf(dsl, where, page));
  }

  /**
   * One page, by username and identity, of the operators the condition covers: a range of the
   * {@code (username, id)} index from the cursor's row, read for one row more than a page, however
   * deep the page lies; nothing counts the operators.
   */
  static KeysetPage<Operator> pageOf(DSLContext dsl, Condition where, KeysetRequest page) {
    return page.read(
        request ->
            dsl.select(PROFILE)
                .from(OPERATOR)
                .where(where)
                .and(request.cursor().map(JooqOperatorRepository::beyond).orElse(DSL.noCondition()))
                .orderBy(
                    request.backwards() ? OPERATOR.USERNAME.desc() : OPERATOR.USERNAME.asc(),
                    request.backwards() ? OPERATOR.ID.desc() : OPERATOR.ID.asc())
                .limit(request.rowsToRead())
                .fetch(JooqOperatorRepository::operator));
  }

  /**
   * The rows after (or before) the cursor's row in username-then-identity order. The first,
   * redundant bound on the username alone gives the planner a plain range of the {@code (username,
   * id)} index to start from, whatever it makes of the rest.
   */
  private static Condition beyond(Cursor cursor) {
    String key = cursor.key();
    UUID id = UUID.fromString(cursor.id());
    return switch (cursor.direction()) {
      case AFTER -> OPERATOR.USERNAME.ge(key).and(OPERATOR.USERNAME.gt(key).or(OPERATOR.ID.gt(id)));
      case BEFORE ->
          OPERATOR.USERNAME.le(key).and(OPERATOR.USERNAME.lt(key).or(OPERATOR.ID.lt(id)));
    };
  }

  @Override
  public long countActiveAdministrators() {
    return guard(
        "counting administrators", () -> (long) dsl.fetchCount(OPERATOR, ACTIVE_ADMINISTRATOR));
  }

  /**
   * The operators a folded search text finds ({@link OperatorSearch}), as a condition on {@code
   * operator}: the identities of the search terms that begin with the text, a range of the terms'
   * prefix index however many operators there are.
   */
  static Condition found(String folded) {
    if (folded.isEmpty()) {
      return DSL.noCondition();
    }
    return OPERATOR.ID.in(
        DSL.select(OPERATOR_SEARCH_TERM.OPERATOR_ID)
            .from(OPERATOR_SEARCH_TERM)
            .where(OPERATOR_SEARCH_TERM.TERM.like(escapeLike(folded) + "%", LIKE_ESCAPE)));
  }

  /** The text with LIKE's wildcards and escape character made literal. */
  private static String escapeLike(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == LIKE_ESCAPE || c == '%' || c == '_') {
        escaped.append(LIKE_ESCAPE);
      }
      escaped.append(c);
    }
    return escaped.toString();
  }

  private static String checkedHash(PasswordHash passwordHash) {
    String encoded = Objects.requireNonNull(passwordHash, "passwordHash").encoded();
    if (encoded.length() > MAX_HASH_LENGTH) {
      throw new IllegalArgumentException(
          "A stored password hash has at most " + MAX_HASH_LENGTH + " characters.");
    }
    return encoded;
  }

  static Operator operator(Record r) {
    return new Operator(
        new OperatorId(r.get(OPERATOR.ID)),
        new Username(r.get(OPERATOR.USERNAME)),
        new EmailAddress(r.get(OPERATOR.EMAIL)),
        new DisplayName(r.get(OPERATOR.DISPLAY_NAME)),
        Role.valueOf(r.get(OPERATOR.ROLE)),
        r.get(OPERATOR.ACTIVE));
  }
}
