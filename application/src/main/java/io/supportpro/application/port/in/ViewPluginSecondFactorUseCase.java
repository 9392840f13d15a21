package io.supportpro.application.port.in;

import io.supportpro.domain.operator.OperatorId;
import java.util.Optional;

/** Tells an operator which plugin's second factor confirms their sign-ins, if one does. */
public interface ViewPluginSecondFactorUseCase {
  /**
   * The name of the plugin whose method the operator must pass after the password, by the same rule
   * as signing in; empty when the built-in two-factor authentication applies instead.
   */
  Optional<String> applyingTo(OperatorId operator);
}
