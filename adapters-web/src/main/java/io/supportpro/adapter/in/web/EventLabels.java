package io.supportpro.adapter.in.web;

import io.supportpro.domain.audit.AuditEventType;
import java.util.Locale;

/**
 * The words a person reads for each kind of audit event, the one place the filter, the table and
 * the exports take them from: each type has its key under {@code audit.event.} in the bundles.
 */
final class EventLabels {
  private EventLabels() {}

  /** The key of a type's label, such as {@code audit.event.sign-in-failed}. */
  static String key(AuditEventType type) {
    return "audit.event." + type.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The label of a type in the language of the texts. */
  static String of(Texts texts, AuditEventType type) {
    return texts.get(key(type));
  }
}
