package io.supportpro.application.service;

import static java.util.Objects.requireNonNull;

import io.supportpro.application.port.in.NoticeEmail;
import io.supportpro.application.port.out.MailDelivery;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.OperatorRepository;
import io.supportpro.application.port.out.OutgoingMail;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.session.ClientDescription;
import io.supportpro.domain.session.SessionClient;
import java.net.URI;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Function;

/**
 * Tells operators by e-mail what changed on their account, when, by whom and from where, and what
 * to do if it was not them: the one place where these messages are worded and sent, each in its
 * recipient's language (English unless they chose another the notices speak).
 */
final class AccountNotices {
  /** The languages the notices are written in; the first is the one used for any other. */
  static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN);

  private static final String BUNDLE = "io/supportpro/application/service/notices";

  // Without a fallback to the JVM's default locale, English stays English on a German machine.
  private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  /** A change to the second factor, worded as what happened to the account. */
  enum SecondFactorChange {
    APP_SET_UP("notice.second-factor.app-set-up"),
    APP_REMOVED("notice.second-factor.app-removed"),
    RECOVERY_CODES_REPLACED("notice.second-factor.recovery-codes-replaced"),
    RESET("notice.second-factor.reset");

    private final String key;

    SecondFactorChange(String key) {
      this.key = key;
    }
  }

  private final Mailer mailer;
  private final Function<OperatorId, Optional<Locale>> languages;

  /**
   * @param languages the language each operator reads their notices in, if they chose one
   */
  AccountNotices(Mailer mailer, Function<OperatorId, Optional<Locale>> languages) {
    this.mailer = requireNonNull(mailer, "mailer");
    this.languages = requireNonNull(languages, "languages");
  }

  /** The language each operator chose, as the repository of operators keeps it. */
  static Function<OperatorId, Optional<Locale>> languagesOf(OperatorRepository operators) {
    requireNonNull(operators, "operators");
    return operators::language;
  }

  /** The operator's password was changed or reset. */
  NoticeEmail passwordChanged(Operator operator, Instant at, Actor by, SessionClient client) {
    Words words = wordsFor(operator);
    return send(
        operator,
        words,
        List.of(operator.email()),
        words.get("notice.password-changed.subject"),
        words.change("notice.password-changed", operator, at, by, client));
  }

  /** The operator's authenticator app or recovery codes changed. */
  NoticeEmail secondFactorChanged(
      Operator operator, SecondFactorChange change, Instant at, Actor by, SessionClient client) {
    Words words = wordsFor(operator);
    return send(
        operator,
        words,
        List.of(operator.email()),
        words.get("notice.second-factor.subject"),
        words.change(change.key, operator, at, by, client));
  }

  /** A plugin's second factor was turned on or off for this operator alone. */
  NoticeEmail pluginSecondFactorChanged(
      Operator operator, Plugin plugin, boolean enabled, Instant at, Actor by) {
    Words words = wordsFor(operator);
    String pluginName = plugin.words(words.language()).text(plugin.descriptor().name());
    return send(
        operator,
        words,
        List.of(operator.email()),
        words.get("notice.second-factor.subject"),
        words.change(
            enabled ? "notice.plugin-enabled" : "notice.plugin-disabled",
            operator,
            at,
            by,
            SessionClient.UNKNOWN,
            pluginName));
  }

  /** The operator's e-mail address changed: both the old and the new address are told. */
  NoticeEmail emailChanged(Operator before, Operator after, Instant at, Actor by) {
    Words words = wordsFor(after);
    return send(
        after,
        words,
        List.of(before.email(), after.email()),
        words.get("notice.email-changed.subject"),
        words.change(
            "notice.email-changed",
            after,
            at,
            by,
            SessionClient.UNKNOWN,
            before.email().toString(),
            after.email().toString()));
  }

  /**
   * The single-use link to choose a new password, which is the only secret in it; answered as the
   * mailer's delivery, for the audit of the request.
   */
  MailDelivery resetLink(Operator operator, URI link, Duration lifetime) {
    Words words = wordsFor(operator);
    String body =
        words.get(
            "notice.reset-link",
            operator.displayName().value(),
            operator.username().value(),
            String.valueOf(lifetime.toMinutes()),
            link.toString());
    return deliver(
        new OutgoingMail(operator.email(), words.get("notice.reset-link.subject"), body));
  }

  /** Whether a mail server is configured, without which no notice is worth preparing. */
  boolean mailServerConfigured() {
    return mailer.configured();
  }

  /** A sign-in completed from a browser not seen before for this operator. */
  NoticeEmail newBrowser(Operator operator, Instant at, SessionClient client) {
    Words words = wordsFor(operator);
    String text =
        words.get(
            "notice.new-browser",
            operator.username().value(),
            words.when(at),
            words.where(client.address(), client));
    return send(
        operator, words, List.of(operator.email()), words.get("notice.new-browser.subject"), text);
  }

  /** The notices' words in the operator's language. */
  Words wordsFor(Operator operator) {
    Locale chosen = languages.apply(operator.id()).orElse(LANGUAGES.getFirst());
    Locale language =
        LANGUAGES.stream()
            .filter(supported -> supported.getLanguage().equals(chosen.getLanguage()))
            .findFirst()
            .orElse(LANGUAGES.getFirst());
    return new Words(
        language,
        ResourceBundle.getBundle(
            BUNDLE, language, AccountNotices.class.getClassLoader(), NO_DEFAULT_LOCALE));
  }

  /** The notices' words in one language. */
  record Words(Locale language, ResourceBundle bundle) {
    /** The text of a key, its arguments put in by {@link MessageFormat}. */
    String get(String key, Object... arguments) {
      return new MessageFormat(bundle.getString(key), language).format(arguments);
    }

    /** When, as the notices say it. */
    String when(Instant at) {
      return DateTimeFormatter.ofPattern(bundle.getString("notice.when"), language)
          .withZone(ZoneOffset.UTC)
          .format(at);
    }

    /**
     * The sentence of a change to the operator's account: the account, when and who, and then what
     * the change's text adds.
     */
    String change(
        String key, Operator operator, Instant at, Actor by, SessionClient client, String... more) {
      List<Object> arguments = new ArrayList<>();
      arguments.add(operator.username().value());
      arguments.add(when(at));
      arguments.add(who(operator, by, client));
      arguments.addAll(List.of(more));
      return get(key, arguments.toArray());
    }

    private String who(Operator operator, Actor by, SessionClient client) {
      if (by.operator().isEmpty()) {
        return get("notice.by-server", by.name());
      }
      if (by.operator().get().equals(operator.id())) {
        return get("notice.by-you", where(by.clientAddress(), client));
      }
      return get("notice.by-administrator", by.name(), where(by.clientAddress(), client));
    }

    String where(String address, SessionClient client) {
      ClientDescription browser = client.description();
      String from = get("notice.from", address.isEmpty() ? get("notice.from.unknown") : address);
      if (browser.browser().equals(ClientDescription.UNKNOWN)
          && browser.system().equals(ClientDescription.UNKNOWN)) {
        return from;
      }
      return get("notice.from.browser", from, browser.browser(), browser.system());
    }
  }

  private NoticeEmail send(
      Operator operator, Words words, List<EmailAddress> recipients, String subject, String what) {
    if (!mailer.configured()) {
      return NoticeEmail.NONE;
    }
    String body =
        words.get(
            "notice.body", operator.displayName().value(), what, words.get("notice.if-not-you"));
    NoticeEmail outcome = NoticeEmail.NONE;
    for (EmailAddress to : recipients) {
      MailDelivery delivery = deliver(new OutgoingMail(to, subject, body));
      if (delivery == MailDelivery.FAILED) {
        outcome = NoticeEmail.FAILED;
      } else if (delivery == MailDelivery.SENT && outcome == NoticeEmail.NONE) {
        outcome = NoticeEmail.SENT;
      }
    }
    return outcome;
  }

  // The port promises never to throw; should an adapter break that, the change still stands.
  private MailDelivery deliver(OutgoingMail mail) {
    try {
      return mailer.send(mail);
    } catch (RuntimeException e) {
      return MailDelivery.FAILED;
    }
  }
}
