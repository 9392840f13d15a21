package io.supportpro.application.testing;

import io.supportpro.application.port.out.MailDelivery;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.OutgoingMail;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A mailer that keeps what it is asked to send and answers with the delivery it is set to. */
public final class RecordingMailer implements Mailer {
  private final List<OutgoingMail> sent = new CopyOnWriteArrayList<>();
  private volatile MailDelivery answer = MailDelivery.SENT;

  /** The messages asked for so far, in order, whatever their delivery. */
  public List<OutgoingMail> sent() {
    return List.copyOf(sent);
  }

  /** Makes every later message end as the delivery given (for example a server that is down). */
  public void answer(MailDelivery delivery) {
    this.answer = delivery;
  }

  @Override
  public boolean configured() {
    return answer != MailDelivery.NOT_CONFIGURED;
  }

  @Override
  public MailDelivery send(OutgoingMail mail) {
    sent.add(mail);
    return answer;
  }
}
