package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.in.CreateOperatorCommand;
import io.supportpro.application.port.in.CreateOperatorResult;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.Stores;
import io.supportpro.application.testing.FakePasswordHasher;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.InMemoryStores;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Password;
import java.net.URI;
import java.time.Duration;
import java.util.List;
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
}
