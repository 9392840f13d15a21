package io.supportpro.application.testing;

import io.supportpro.application.port.out.OperatorAccount;
import io.supportpro.application.port.out.OperatorChanges;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.OperatorSearch;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Operators kept in memory, for tests of the core. */
public final class InMemoryOperatorRepository implements OperatorRepository {
  private final Map<OperatorId, OperatorAccount> accounts = new LinkedHashMap<>();
  private final Map<OperatorId, ZoneId> timeZones = new HashMap<>();
  private final Map<OperatorId, Locale> languages = new HashMap<>();

  @Override
  public synchronized AddOutcome add(Operator operator, PasswordHash passwordHash) {
    for (OperatorAccount account : accounts.values()) {
      if (account.operator().username().equals(operator.username())) {
        return AddOutcome.USERNAME_TAKEN;
      }
      if (account.operator().email().equals(operator.email())) {
        return AddOutcome.EMAIL_TAKEN;
      }
    }
    accounts.put(operator.id(), new OperatorAccount(operator, passwordHash, false));
    return AddOutcome.ADDED;
  }

  @Override
  public synchronized UpdateOutcome update(OperatorId id, OperatorChanges changes) {
    OperatorAccount current = accounts.get(id);
    if (current == null) {
      return new UpdateOutcome.NotFound();
    }
    Operator before = current.operator();
    Operator after = changes.applyTo(before);
    boolean emailTaken =
        changes.email().isPresent()
            && accounts.values().stream()
                .anyMatch(
                    a ->
                        !a.operator().id().equals(id)
                            && a.operator().email().equals(after.email()));
    if (emailTaken) {
      return new UpdateOutcome.EmailTaken();
    }
    if (before.isActiveAdministrator()
        && !after.isActiveAdministrator()
        && countActiveAdministrators() <= 1) {
      return new UpdateOutcome.LastAdministrator();
    }
    accounts.put(
        id, new OperatorAccount(after, current.passwordHash(), current.mustChangePassword()));
    return new UpdateOutcome.Updated(before, after);
  }

  @Override
  public synchronized boolean changePasswordHash(
      OperatorId id, PasswordHash current, PasswordHash next, boolean mustChange) {
    OperatorAccount account = accounts.get(id);
    if (account == null || !account.passwordHash().equals(current)) {
      return false;
    }
    accounts.put(id, new OperatorAccount(account.operator(), next, mustChange));
    return true;
  }

  @Override
  public synchronized boolean setPassword(
      OperatorId id, PasswordHash passwordHash, boolean mustChange) {
    return accounts.computeIfPresent(
            id, (k, a) -> new OperatorAccount(a.operator(), passwordHash, mustChange))
        != null;
  }

  @Override
  public synchronized Optional<ZoneId> timeZone(OperatorId id) {
    return Optional.ofNullable(timeZones.get(id));
  }

  @Override
  public synchronized boolean setTimeZone(OperatorId id, ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    if (!accounts.containsKey(id)) {
      return false;
    }
    timeZones.put(id, zone);
    return true;
  }

  @Override
  public synchronized Optional<Locale> language(OperatorId id) {
    return Optional.ofNullable(languages.get(id));
  }

  @Override
  public synchronized boolean setLanguage(OperatorId id, Locale language) {
    Objects.requireNonNull(language, "language");
    if (!accounts.containsKey(id)) {
      return false;
    }
    languages.put(id, language);
    return true;
  }

  @Override
  public synchronized Optional<OperatorAccount> findAccount(OperatorId id) {
    return Optional.ofNullable(accounts.get(id)).map(this::withLanguage);
  }

  private OperatorAccount withLanguage(OperatorAccount account) {
    return new OperatorAccount(
        account.operator(),
        account.passwordHash(),
        account.mustChangePassword(),
        language(account.operator().id()));
  }

  @Override
  public synchronized Optional<Operator> findById(OperatorId id) {
    return Optional.ofNullable(accounts.get(id)).map(OperatorAccount::operator);
  }

  @Override
  public synchronized Optional<OperatorAccount> findAccount(String login) {
    String folded = login.strip().toLowerCase(Locale.ROOT);
    return accounts.values().stream()
        .filter(
            a ->
                a.operator().username().value().equals(folded)
                    || a.operator().email().value().equals(folded))
        .findFirst()
        .map(this::withLanguage);
  }

  @Override
  public synchronized KeysetPage<Operator> search(String text, KeysetRequest page) {
    String folded = OperatorSearch.fold(text);
    return OperatorPages.page(
        accounts.values().stream()
            .map(OperatorAccount::operator)
            .filter(o -> OperatorSearch.matches(o, folded))
            .toList(),
        page);
  }

  @Override
  public synchronized long countActiveAdministrators() {
    return accounts.values().stream().filter(a -> a.operator().isActiveAdministrator()).count();
  }
}
