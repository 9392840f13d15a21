package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.CheckHealthUseCase;
import io.supportpro.application.port.in.CheckHealthUseCase.Health;

/** Answers {@code GET /health} for load balancers and monitoring: 200 when healthy, else 503. */
final class HealthController {
  private final CheckHealthUseCase health;

  HealthController(CheckHealthUseCase health) {
    this.health = health;
  }

  void register(RoutesConfig routes) {
    routes.get("/health", this::health, Access.RESOURCE);
  }

  private void health(Context ctx) {
    Health found = health.check();
    String database = found.databaseReachable() ? "up" : "down";
    ctx.status(found.healthy() ? 200 : 503)
        .header("Cache-Control", "no-store")
        .contentType("application/json")
        .result(
            "{\"status\":\""
                + (found.healthy() ? "up" : "down")
                + "\",\"database\":\""
                + database
                + "\"}");
  }
}
