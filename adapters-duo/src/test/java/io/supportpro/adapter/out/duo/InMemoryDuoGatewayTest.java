package io.supportpro.adapter.out.duo;

import io.supportpro.adapter.out.duo.emulator.Fault;
import java.net.URI;

/** The in-memory Duo that the sign-in tests use behaves as the contract says the real one does. */
class InMemoryDuoGatewayTest extends DuoGatewayContract {
  private final InMemoryDuoGateway duo =
      new InMemoryDuoGateway("DIABCDEFGHIJ01234567", "abcdefghijABCDEFGHIJ0123456789klmnopqrst");

  @Override
  protected DuoGateway gateway() {
    return duo;
  }

  @Override
  protected DuoConnection connection() {
    return duo.connection(URI.create("https://panel.supportpro.test/duo/callback"));
  }

  @Override
  protected void allow(String username) {
    duo.allow(username);
  }

  @Override
  protected void deny(String username) {
    duo.deny(username);
  }

  @Override
  protected void inject(Fault fault) {
    duo.inject(fault);
  }

  @Override
  protected void clearFaults() {
    duo.clearFaults();
  }

  @Override
  protected URI approveInBrowser(URI promptLocation) {
    return duo.approve(promptLocation);
  }
}
