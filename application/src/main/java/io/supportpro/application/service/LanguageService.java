package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.ChooseLanguageUseCase;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.OperatorId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads and stores the language each operator chose, one of those the panel speaks. */
public final class LanguageService implements ChooseLanguageUseCase {
  /** The detail of an audit event for an operator who had chosen no language before. */
  static final String NONE = "none";

  private final OperatorRepository operators;
  private final AuditLog audit;
  private final Clock clock;

  public LanguageService(OperatorRepository operators, AuditLog audit, Clock clock) {
    this.operators = requireNonNull(operators, "operators");
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Optional<Locale> language(OperatorId operator) {
    return operators.language(requireNonNull(operator, "operator"));
  }

  @Override
  public LanguageChoice choose(Actor actor, OperatorId operator, String language) {
    requireNonNull(actor, "actor");
    requireNonNull(operator, "operator");
    requireNonNull(language, "language");
    Optional<Locale> chosen =
        LANGUAGES.stream().filter(known -> known.toLanguageTag().equals(language)).findFirst();
    if (chosen.isEmpty()) {
      return new LanguageChoice.UnsupportedLanguage();
    }
    Optional<Locale> before = language(operator);
    if (!operators.setLanguage(operator, chosen.get())) {
      return new LanguageChoice.NoSuchOperator();
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("from", before.map(Locale::toLanguageTag).orElse(NONE));
    details.put("to", chosen.get().toLanguageTag());
    audit.append(
        new AuditEvent(
            clock.now(), AuditEventType.LANGUAGE_CHANGED, actor, operator.toString(), details));
    return new LanguageChoice.Chosen(chosen.get());
  }
}
