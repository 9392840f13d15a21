package io.supportpro.adapter.in.web.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what is logged while it is open: every level of the panel's own loggers, and what the
 * libraries log at the levels the test configuration lets through. Each line comes with the text of
 * its exceptions, so a test can check that nothing secret is ever logged.
 */
public final class LogCapture implements AutoCloseable {
  private static final String PANEL = "io.supportpro";

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final List<Logger> attached = new ArrayList<>();
  private final Logger panel;
  private final Level panelLevel;

  private LogCapture() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    appender.setContext(context);
    appender.start();
    panel = context.getLogger(PANEL);
    panelLevel = panel.getLevel();
    panel.setLevel(Level.TRACE);
    // The root gets what is additive; loggers that are not additive need the appender themselves.
    for (Logger logger : context.getLoggerList()) {
      if (logger.getName().equals(Logger.ROOT_LOGGER_NAME) || !logger.isAdditive()) {
        logger.addAppender(appender);
        attached.add(logger);
      }
    }
  }

  /** Starts capturing. */
  public static LogCapture start() {
    return new LogCapture();
  }

  /** Every line logged so far, with the messages of its exceptions and their causes. */
  public synchronized List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : List.copyOf(appender.list)) {
      var line = new StringBuilder(event.getLoggerName()).append(' ');
      line.append(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
      lines.add(line.toString());
    }
    return lines;
  }

  @Override
  public void close() {
    attached.forEach(logger -> logger.detachAppender(appender));
    panel.setLevel(panelLevel);
    appender.stop();
  }
}
