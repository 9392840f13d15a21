package io.supportpro.adapter.in.web;

import io.javalin.Javalin;
import java.util.Objects;

/** The operator panel's HTTP server: builds the routes and starts listening. */
public final class WebServer implements AutoCloseable {
  private final Javalin app;

  private WebServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts the server.
   *
   * @throws WebServerException when it cannot listen on the configured address
   */
  public static WebServer start(WebSettings settings, WebUseCases useCases) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(useCases, "useCases");
    var health = new HealthController(useCases.health());
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.concurrency.useVirtualThreads = true;
              cfg.jetty.host = settings.host();
              cfg.jetty.port = settings.port();
              cfg.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
              health.register(cfg.routes);
            });
    try {
      app.start();
    } catch (RuntimeException e) {
      app.stop();
      throw new WebServerException(
          "cannot listen on "
              + settings.host()
              + ":"
              + settings.port()
              + " ("
              + rootMessage(e)
              + ")",
          e);
    }
    return new WebServer(app);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return Objects.requireNonNullElse(root.getMessage(), root.getClass().getSimpleName());
  }

  /** The port the server listens on (useful when it was asked for port 0). */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
