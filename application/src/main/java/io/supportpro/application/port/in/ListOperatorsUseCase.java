package io.supportpro.application.port.in;

import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import java.util.Optional;

/** Finds operators for the administration pages. */
public interface ListOperatorsUseCase {
  /**
   * Operators for whom the text begins a word of their username, e-mail address or display name,
   * ordered by username, one page at a time after or before a row of another page.
   */
  KeysetPage<Operator> list(String search, KeysetRequest page);

  /** One operator. */
  Optional<Operator> find(OperatorId operator);

  /** The operator whose username or e-mail address this is, compared without case. */
  Optional<Operator> findByLogin(String usernameOrEmail);
}
