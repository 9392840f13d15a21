package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.in.CreateOperatorCommand;
import io.supportpro.application.port.in.CreateOperatorResult;
import io.supportpro.application.port.in.RequestPasswordResetCommand;
import io.supportpro.application.port.in.RequestPasswordResetResult;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.Stores;
import io.supportpro.application.testing.FakePasswordHasher;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.InMemoryStores;
import io.supportpro.application.testing.RecordingMailer;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Password;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The services need the stores only through their ports, so any store adapter will do. */
class ServicesTest {
  private final Stores stores = InMemoryStores.create();
  private final Services services =
      Services.compose(
          stores,
          stores.auditLog(),
          new FakeSecretCipher(),
          new FakePasswordHasher(),
          new InMemoryPluginCatalog(List.of()),
          Mailer.none(),
          URI.create("http://127.0.0.1:8080"),
          Duration.ofDays(30));

  @Test
  void compose_wiresTheServicesToTheStoresItIsGiven() {
    CreateOperatorResult result =
        services
            .createOperator()
            .create(
                new CreateOperatorCommand(
                    Actor.system("test"),
                    "alice",
                    "alice@example.com",
                    "Alice",
                    "administrator",
                    new Password("velvet-Otter-42-marble")));

    assertThat(result).isInstanceOf(CreateOperatorResult.Created.class);
    assertThat(stores.operators().findAccount("alice")).isPresent();
    assertThat(services.health().check().healthy()).isTrue();
  }

  @Test
  void compose_mailsPasswordResetLinksOffTheRequestsThread() throws Exception {
    var mailer = new RecordingMailer();
    var withMail =
        Services.compose(
            stores,
            stores.auditLog(),
            new FakeSecretCipher(),
            new FakePasswordHasher(),
            new InMemoryPluginCatalog(List.of()),
            mailer,
            URI.create("http://127.0.0.1:8080"),
            Duration.ofDays(30));
    withMail
        .createOperator()
        .create(
            new CreateOperatorCommand(
                Actor.system("test"),
                "bob",
                "bob@example.com",
                "Bob",
                "operator",
                new Password("velvet-Otter-42-marble")));

    var answer =
        withMail.forgottenPassword().request(new RequestPasswordResetCommand("bob", "192.0.2.1"));

    assertThat(answer).isEqualTo(new RequestPasswordResetResult.Accepted());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (mailer.sent().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(mailer.sent())
        .singleElement()
        .satisfies(
            mail -> assertThat(mail.body()).contains("http://127.0.0.1:8080/login/reset?token="));
    assertThat(services.forgottenPassword().available()).isFalse();
  }
}
