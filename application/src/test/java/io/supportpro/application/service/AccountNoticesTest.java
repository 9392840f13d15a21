package io.supportpro.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.out.OutgoingMail;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.testing.InMemoryOperatorRepository;
import io.supportpro.application.testing.RecordingMailer;
import io.supportpro.domain.fixtures.OperatorFixtures;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginWords;
import io.supportpro.domain.session.SessionClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AccountNoticesTest {
  private static final Instant AT = Instant.parse("2026-12-06T04:05:00Z");
  private static final SessionClient FIREFOX =
      new SessionClient(
          "192.0.2.10", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");

  private final RecordingMailer mailer = new RecordingMailer();
  private final Operator english = OperatorFixtures.operator("alice");
  private final Operator german = OperatorFixtures.operator("bernd");
  private final Operator french = OperatorFixtures.operator("claire");
  private final Map<Object, Locale> chosen =
      Map.of(german.id(), Locale.GERMANY, french.id(), Locale.FRENCH);
  private final AccountNotices notices =
      new AccountNotices(mailer, operator -> Optional.ofNullable(chosen.get(operator)));

  @Test
  void everyLanguage_hasTheSameKeys() {
    var english = notices.wordsFor(this.english).bundle();
    var german = notices.wordsFor(this.german).bundle();

    assertThat(german.getLocale()).isEqualTo(Locale.GERMAN);
    assertThat(new TreeSet<>(Collections.list(german.getKeys())))
        .isEqualTo(new TreeSet<>(Collections.list(english.getKeys())));
  }

  @Test
  void theRepositorysLanguages_areTheOnesOperatorsChose() {
    var operators = new InMemoryOperatorRepository();
    operators.add(german, new PasswordHash("$test$hash"));
    operators.add(english, new PasswordHash("$test$hash"));
    operators.setLanguage(german.id(), Locale.GERMAN);
    var languages = AccountNotices.languagesOf(operators);

    assertThat(languages.apply(german.id())).contains(Locale.GERMAN);
    assertThat(languages.apply(english.id())).isEmpty();
  }

  @Test
  void aGermanRecipient_getsTheNoticeInGerman() {
    notices.passwordChanged(german, AT, OperatorFixtures.actingAs(german), FIREFOX);

    OutgoingMail mail = mailer.sent().getFirst();
    assertThat(mail.subject()).isEqualTo("SupportPro: Ihr Passwort wurde geändert");
    assertThat(mail.body())
        .isEqualTo(
            """
            Guten Tag Operator bernd,

            Das Passwort Ihres SupportPro-Kontos „bernd“ wurde am 6. Dezember 2026 um 04:05 UTC \
            geändert, von Ihnen, von der Adresse 192.0.2.10 (Firefox unter Linux).

            Wenn Sie das nicht waren und es auch nicht veranlasst haben, sagen Sie sofort einem \
            Administrator des Panels Bescheid: Ihr Passwort und Ihr zweiter Faktor sollten \
            zurückgesetzt und das Audit-Log geprüft werden.

            Diese Nachricht wurde automatisch versandt; Antworten werden nicht gelesen.
            """);
  }

  @Test
  void withoutAChosenLanguage_theNoticeIsInEnglish_wordForWordAsBefore() {
    notices.passwordChanged(english, AT, OperatorFixtures.actingAs(english), FIREFOX);

    OutgoingMail mail = mailer.sent().getFirst();
    assertThat(mail.subject()).isEqualTo("SupportPro: your password was changed");
    assertThat(mail.body())
        .isEqualTo(
            """
            Hello Operator alice,

            The password was changed for your SupportPro account "alice" on 6 December 2026 at \
            04:05 UTC, by you, from the address 192.0.2.10 (Firefox on Linux).

            If this was not you, and you did not ask for it, tell an administrator of the panel at \
            once: your password and second factor should be reset and the audit log checked.

            This message was sent automatically; replies are not read.
            """);
  }

  @Test
  void aLanguageTheNoticesDoNotSpeak_getsEnglish() {
    notices.newBrowser(french, AT, FIREFOX);

    assertThat(mailer.sent().getFirst().subject())
        .isEqualTo("SupportPro: sign-in from a new browser");
  }

  @Test
  void theResetLink_isWordedInTheRecipientsLanguage() {
    notices.resetLink(german, URI.create("https://panel.example/reset#t"), Duration.ofMinutes(30));
    notices.resetLink(english, URI.create("https://panel.example/reset#t"), Duration.ofMinutes(30));

    assertThat(mailer.sent().get(0).subject())
        .isEqualTo("SupportPro: Wählen Sie ein neues Passwort");
    assertThat(mailer.sent().get(0).body())
        .startsWith("Guten Tag Operator bernd,\n\njemand, wahrscheinlich Sie,")
        .contains("30 Minuten lang:\n\nhttps://panel.example/reset#t\n\n");
    assertThat(mailer.sent().get(1).body())
        .isEqualTo(
            """
            Hello Operator alice,

            Someone, probably you, asked to choose a new password for your SupportPro account "alice".
            Open this link to choose it; it works once, for 30 minutes:

            https://panel.example/reset#t

            If you did not ask for it, ignore this message: your password stays as it is.
            """);
  }

  @Test
  void aPluginsSecondFactor_isNamedInThePluginsWordsForTheRecipientsLanguage() {
    Plugin plugin =
        new Plugin() {
          @Override
          public PluginDescriptor descriptor() {
            return new PluginDescriptor(
                new PluginId("example"), "example.name", "", "1", "SupportPro", List.of());
          }

          @Override
          public PluginWords words(Locale locale) {
            return text -> locale.equals(Locale.GERMAN) ? "Beispiel" : "Example";
          }
        };

    notices.pluginSecondFactorChanged(german, plugin, true, AT, OperatorFixtures.actingAs(german));
    notices.pluginSecondFactorChanged(
        english, plugin, false, AT, OperatorFixtures.actingAs(english));

    assertThat(mailer.sent().get(0).body())
        .contains("Die Anmeldung mit Beispiel als zweitem Faktor wurde")
        .contains("eingeschaltet");
    assertThat(mailer.sent().get(1).body())
        .contains("Signing in with Example as the second factor was turned off for");
  }
}
