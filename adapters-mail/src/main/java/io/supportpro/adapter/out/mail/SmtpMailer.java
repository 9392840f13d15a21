package io.supportpro.adapter.out.mail;

import io.supportpro.application.port.out.MailDelivery;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.OutgoingMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the panel's e-mails to an SMTP server with Angus Mail: short timeouts so that a silent
 * server never holds a request for long, certificates checked against the JDK's trusted authorities
 * and the server's name, and a failure logged once without the message's body.
 */
public final class SmtpMailer implements Mailer {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);

  /** How long connecting, and each read and write, may take: a request waits for the notice. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static final int MAX_SUBJECT = 200;
  private static final int MAX_REASON = 300;

  private final SmtpSettings settings;
  private final Session session;
  private final InternetAddress from;

  SmtpMailer(SmtpSettings settings, SSLSocketFactory tls, Duration timeout) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(tls, "tls");
    try {
      this.from = new InternetAddress(settings.from(), true);
    } catch (MessagingException e) {
      throw new IllegalArgumentException("The sender is not a valid e-mail address.", e);
    }
    this.session = Session.getInstance(properties(settings, from, tls, timeout));
  }

  /** A mailer for the server of the settings, trusting the certificates the JDK trusts. */
  public static SmtpMailer forServer(SmtpSettings settings) {
    return new SmtpMailer(settings, (SSLSocketFactory) SSLSocketFactory.getDefault(), TIMEOUT);
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public MailDelivery send(OutgoingMail mail) {
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(from);
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to().value(), true));
      message.setSubject(oneLine(mail.subject()), "UTF-8");
      message.setText(mail.body(), "UTF-8");
      message.setSentDate(new Date());
      if (settings.credentials().isPresent()) {
        var credentials = settings.credentials().get();
        Transport.send(message, credentials.user(), credentials.password());
      } else {
        Transport.send(message);
      }
      return MailDelivery.SENT;
    } catch (MessagingException | RuntimeException e) {
      // The body may hold a single-use link: only the server and the reason are logged.
      LOG.warn("Could not send an e-mail through {}: {}", settings.server(), reason(e));
      return MailDelivery.FAILED;
    }
  }

  private static Properties properties(
      SmtpSettings settings, InternetAddress from, SSLSocketFactory tls, Duration timeout) {
    String millis = Long.toString(timeout.toMillis());
    var properties = new Properties();
    properties.put("mail.smtp.host", settings.host());
    properties.put("mail.smtp.port", Integer.toString(settings.port()));
    properties.put("mail.smtp.connectiontimeout", millis);
    properties.put("mail.smtp.timeout", millis);
    properties.put("mail.smtp.writetimeout", millis);
    properties.put("mail.smtp.auth", Boolean.toString(settings.credentials().isPresent()));
    properties.put("mail.smtp.from", from.getAddress());
    boolean implicitTls = settings.security() == SmtpSettings.Security.IMPLICIT_TLS;
    properties.put("mail.smtp.ssl.enable", Boolean.toString(implicitTls));
    properties.put("mail.smtp.starttls.enable", Boolean.toString(!implicitTls));
    properties.put(
        "mail.smtp.starttls.required",
        Boolean.toString(settings.security() == SmtpSettings.Security.STARTTLS_REQUIRED));
    // Both for smtps and for STARTTLS: the certificate must chain to a trusted authority and name
    // the server; nothing here trusts all.
    properties.put("mail.smtp.ssl.socketFactory", tls);
    properties.put("mail.smtp.ssl.checkserveridentity", "true");
    properties.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
    return properties;
  }

  // A subject is one header line: a line break in it would begin a header of its own.
  static String oneLine(String text) {
    String flat = text.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\p{Cf}]+", " ").strip();
    return flat.length() > MAX_SUBJECT ? flat.substring(0, MAX_SUBJECT) : flat;
  }

  private static String reason(Exception e) {
    var text = new StringBuilder();
    int depth = 0;
    for (Throwable t = e; t != null && depth < 5; t = t.getCause(), depth++) {
      if (!text.isEmpty()) {
        text.append(" <- ");
      }
      text.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        text.append(": ").append(t.getMessage());
      }
    }
    String line = text.toString().replaceAll("\\p{Cntrl}+", " ").strip();
    return line.length() > MAX_REASON ? line.substring(0, MAX_REASON) + "..." : line;
  }
}
