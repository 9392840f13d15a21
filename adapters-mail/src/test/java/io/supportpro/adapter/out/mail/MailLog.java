package io.supportpro.adapter.out.mail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What the mailer logs while it is open. */
final class MailLog implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger(SmtpMailer.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  MailLog() {
    appender.start();
    logger.addAppender(appender);
  }

  List<String> lines() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
