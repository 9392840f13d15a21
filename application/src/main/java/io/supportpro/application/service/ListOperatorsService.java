package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ListOperatorsUseCase;
import io.supportpro.application.port.out.OperatorAccount;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import java.util.List;
import java.util.Optional;

/** Finds operators for the administration pages. */
public final class ListOperatorsService implements ListOperatorsUseCase {
  // Longer search text cannot match any stored field.
  private static final int MAX_SEARCH = 254;

  private final OperatorRepository operators;

  public ListOperatorsService(OperatorRepository operators) {
    this.operators = requireNonNull(operators, "operators");
  }

  @Override
  public KeysetPage<Operator> list(String search, KeysetRequest page) {
    String text = search == null ? "" : search.strip();
    if (text.length() > MAX_SEARCH) {
      return page.page(List.of());
    }
    return operators.search(text, page);
  }

  @Override
  public Optional<Operator> find(OperatorId operator) {
    return operators.findById(operator);
  }

  @Override
  public Optional<Operator> findByLogin(String usernameOrEmail) {
    String login = usernameOrEmail == null ? "" : usernameOrEmail.strip();
    if (login.isEmpty() || login.length() > MAX_SEARCH) {
      return Optional.empty();
    }
    return operators.findAccount(login).map(OperatorAccount::operator);
  }
}
