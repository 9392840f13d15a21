package io.supportpro.bootstrap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.supportpro.application.port.out.AuditLog;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.AuditFilter;
import io.supportpro.domain.audit.AuditPage;
import io.supportpro.domain.audit.RecordedAuditEvent;
import io.supportpro.domain.audit.RepeatKey;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The metrics of this process for Prometheus: the JVM's figures, and a count of every audited event
 * by type (sign-ins, failures, throttling, second-factor outcomes, Duo, plugin and operator
 * changes), which is what the people running the panel watch.
 */
final class ServiceMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();

  ServiceMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    // Every type from zero, so that a rate over an event that has not happened yet is 0, not
    // absent.
    for (AuditEventType type : AuditEventType.values()) {
      auditEvents(type);
    }
  }

  private Counter auditEvents(AuditEventType type) {
    return registry.counter("supportpro.audit.events", "type", type.name());
  }

  /** The audit log, counting each event it records as {@code supportpro_audit_events_total}. */
  AuditLog counting(AuditLog audit) {
    return new AuditLog() {
      @Override
      public void append(AuditEvent event) {
        audit.append(event);
        auditEvents(event.type()).increment();
      }

      // A repeat counted into an earlier entry is still an event that happened.
      @Override
      public void appendOrCount(AuditEvent event, RepeatKey repeat) {
        audit.appendOrCount(event, repeat);
        auditEvents(event.type()).increment();
      }

      @Override
      public AuditPage query(AuditFilter filter, Optional<Long> olderThan, int limit) {
        return audit.query(filter, olderThan, limit);
      }

      @Override
      public long forEachMatching(AuditFilter filter, Consumer<RecordedAuditEvent> each) {
        return audit.forEachMatching(filter, each);
      }

      @Override
      public int deleteBefore(Instant before, int atMost) {
        return audit.deleteBefore(before, atMost);
      }
    };
  }

  /** Every metric in the Prometheus text format. */
  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
