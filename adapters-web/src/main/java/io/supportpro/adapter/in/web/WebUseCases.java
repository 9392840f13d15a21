package io.supportpro.adapter.in.web;

import io.supportpro.application.port.in.CheckHealthUseCase;
import java.util.Objects;

/** The in-ports the web adapter drives. */
public record WebUseCases(CheckHealthUseCase health) {
  public WebUseCases {
    Objects.requireNonNull(health, "health");
  }
}
