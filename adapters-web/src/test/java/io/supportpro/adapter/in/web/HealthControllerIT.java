package io.supportpro.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.application.port.in.CheckHealthUseCase;
import io.supportpro.application.port.in.CheckHealthUseCase.Health;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthControllerIT {
  private static TestPanel start(AtomicBoolean databaseUp) {
    return TestPanel.start(
        useCases ->
            UseCaseOverrides.replace(
                useCases, (CheckHealthUseCase) () -> new Health(databaseUp.get())));
  }

  @Test
  void health_answers200WhileTheDatabaseIsReachableAnd503WhenNot() {
    var databaseUp = new AtomicBoolean(true);
    try (TestPanel panel = start(databaseUp)) {
      Response up = panel.browser().get("/health");
      databaseUp.set(false);
      Response down = panel.browser().get("/health");

      assertThat(up.status()).isEqualTo(200);
      assertThat(up.header("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(up.body()).isEqualTo("{\"status\":\"up\",\"database\":\"up\"}");
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.body()).isEqualTo("{\"status\":\"down\",\"database\":\"down\"}");
    }
  }

  @Test
  void health_needsNoSessionAndSetsNoCookie() {
    try (TestPanel panel = start(new AtomicBoolean(true))) {
      Response health = panel.browser().get("/health");

      assertThat(health.status()).isEqualTo(200);
      assertThat(health.setCookies()).isEmpty();
    }
  }

  @Test
  void responsesDoNotRevealTheServerSoftware() {
    try (TestPanel panel = start(new AtomicBoolean(true))) {
      assertThat(panel.browser().get("/health").header("Server")).isEmpty();
    }
  }

  @Test
  void start_onAPortInUseFailsWithAClearMessage() {
    try (TestPanel first = start(new AtomicBoolean(true))) {
      int port = first.base().getPort();
      var settings =
          new WebSettings(
              "127.0.0.1",
              port,
              URI.create("http://localhost"),
              "another key of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> WebServer.start(settings, first.useCases, Optional.empty()))
          .isInstanceOf(WebServerException.class)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + port);
    }
  }
}
