package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Serves the stylesheet and icon from the jar; nothing else under {@code /assets/} exists. */
final class AssetsController {
  private static final Map<String, String> TYPES =
      Map.of("app.css", "text/css; charset=utf-8", "favicon.svg", "image/svg+xml");

  private final Map<String, byte[]> files;

  AssetsController() {
    this.files = Map.of("app.css", read("app.css"), "favicon.svg", read("favicon.svg"));
  }

  void register(RoutesConfig routes) {
    files
        .keySet()
        .forEach(name -> routes.get("/assets/" + name, ctx -> serve(ctx, name), Access.RESOURCE));
  }

  private void serve(Context ctx, String name) {
    ctx.header("Cache-Control", "public, max-age=3600")
        .contentType(TYPES.get(name))
        .result(files.get(name));
  }

  private static byte[] read(String name) {
    try (InputStream in = AssetsController.class.getResourceAsStream("/assets/" + name)) {
      if (in == null) {
        throw new IllegalStateException("assets/" + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
