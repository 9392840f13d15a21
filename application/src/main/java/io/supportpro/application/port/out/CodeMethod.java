package io.supportpro.application.port.out;

import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.secondfactor.CodeField;
import java.util.Objects;

/**
 * A second factor asked for on the panel's own page: the operator types a code, which the method
 * checks. The panel counts every attempt against the operator and the address before the check.
 */
public non-sealed interface CodeMethod extends SecondFactorMethod {
  /** How the page asks for the code. */
  CodeField field();

  /** Checks the code the operator typed: passed, refused (a wrong code) or unavailable. */
  StepOutcome.Checked check(PluginSettings settings, Attempt attempt);

  /** A code typed by an operator, from an address. */
  record Attempt(Operator operator, String code, String clientAddress) {
    public Attempt {
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(clientAddress, "clientAddress");
    }

    @Override
    public String toString() {
      return "Attempt[operator=" + operator.id() + ", clientAddress=" + clientAddress + "]";
    }
  }
}
