package io.supportpro.application.port.out;

import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.OperatorSearch;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/** Stores operators and their password hashes. */
public interface OperatorRepository {
  /** What became of adding an operator. */
  enum AddOutcome {
    ADDED,
    USERNAME_TAKEN,
    EMAIL_TAKEN
  }

  /** What became of updating an operator. */
  sealed interface UpdateOutcome {
    /** Stored: the operator as it was just before the change, and as it is now. */
    record Updated(Operator before, Operator after) implements UpdateOutcome {}

    /** Refused: another operator has the e-mail address. */
    record EmailTaken() implements UpdateOutcome {}

    /** No operator has the identity. */
    record NotFound() implements UpdateOutcome {}

    /** Refused: no active administrator would be left. */
    record LastAdministrator() implements UpdateOutcome {}
  }

  /** Adds a new operator; usernames and e-mail addresses are unique. */
  AddOutcome add(Operator operator, PasswordHash passwordHash);

  /**
   * Writes the given columns of an existing operator over what is stored at that moment, leaving
   * the others as they are, unless that would leave no active administrator: read, checked and
   * written atomically, so that two administrators demoting each other at once cannot both succeed
   * and a change of one column never writes back a stale value of another.
   */
  UpdateOutcome update(OperatorId id, OperatorChanges changes);

  /**
   * Replaces an operator's password hash (a new password, or the same one with stronger parameters)
   * and whether they must choose another, only while the stored hash is still {@code current}, in
   * one atomic step: a password set meanwhile is never overwritten by a change made from the old
   * one. False when nothing was replaced.
   */
  boolean changePasswordHash(
      OperatorId id, PasswordHash current, PasswordHash next, boolean mustChange);

  /**
   * Sets a new password, and whether the operator must choose another at their next sign-in before
   * anything else; false when no operator has the identity.
   */
  boolean setPassword(OperatorId id, PasswordHash passwordHash, boolean mustChange);

  /** The operator with this identity. */
  Optional<Operator> findById(OperatorId id);

  /** The account of the operator with this identity. */
  Optional<OperatorAccount> findAccount(OperatorId id);

  /** The account whose username or e-mail address is {@code login}, compared without case. */
  Optional<OperatorAccount> findAccount(String login);

  /**
   * Operators found by {@code text} as {@link OperatorSearch} says: it begins a word of their
   * username, e-mail address or display name, without regard to case (empty finds all); ordered by
   * username, then identity; a page is found from the username and identity of the row it begins
   * after or ends before ({@link io.supportpro.domain.page.Cursor}).
   */
  KeysetPage<Operator> search(String text, KeysetRequest page);

  /** How many active administrators there are. */
  long countActiveAdministrators();

  /** The time zone the operator chose to read times in; empty when none was chosen. */
  Optional<ZoneId> timeZone(OperatorId id);

  /** Stores the operator's time zone; false when no operator has the identity. */
  boolean setTimeZone(OperatorId id, ZoneId zone);

  /**
   * The language the operator chose to read the panel in; empty when none was chosen. {@link
   * #findAccount(OperatorId)} carries it too, so that resuming a session needs no second query.
   */
  Optional<Locale> language(OperatorId id);

  /** Stores the operator's language; false when no operator has the identity. */
  boolean setLanguage(OperatorId id, Locale language);
}
