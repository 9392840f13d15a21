package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** The home page: who is signed in, and where they can go. */
final class HomeController {
  void register(RoutesConfig routes) {
    routes.get(SafeNext.HOME, this::home, Access.SIGNED_IN);
  }

  private void home(Context ctx) {
    Pages.render(ctx, 200, "home", Pages.model("section", "home"));
  }
}
