package io.supportpro.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportpro.application.port.in.CheckHealthUseCase.Health;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthControllerIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static WebServer start(AtomicBoolean databaseUp, int port) {
    var settings = new WebSettings("127.0.0.1", port, URI.create("http://localhost"));
    return WebServer.start(settings, new WebUseCases(() -> new Health(databaseUp.get())));
  }

  private static HttpResponse<String> get(WebServer server, String path) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(5))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void health_answers200WhileTheDatabaseIsReachableAnd503WhenNot() throws Exception {
    var databaseUp = new AtomicBoolean(true);
    try (WebServer server = start(databaseUp, 0)) {
      HttpResponse<String> up = get(server, "/health");
      databaseUp.set(false);
      HttpResponse<String> down = get(server, "/health");

      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(up.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(up.body()).isEqualTo("{\"status\":\"up\",\"database\":\"up\"}");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).isEqualTo("{\"status\":\"down\",\"database\":\"down\"}");
    }
  }

  @Test
  void responsesDoNotRevealTheServerSoftware() throws Exception {
    try (WebServer server = start(new AtomicBoolean(true), 0)) {
      assertThat(get(server, "/health").headers().firstValue("Server")).isEmpty();
    }
  }

  @Test
  void start_onAPortInUseFailsWithAClearMessage() {
    try (WebServer first = start(new AtomicBoolean(true), 0)) {
      assertThatThrownBy(() -> start(new AtomicBoolean(true), first.port()))
          .isInstanceOf(WebServerException.class)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + first.port());
    }
  }
}
