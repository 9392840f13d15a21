package io.supportpro.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.session.SessionKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HeldSecretsTest {
  private static final SessionKey SESSION = new SessionKey("a".repeat(64));
  private static final SessionKey OTHER_SESSION = new SessionKey("b".repeat(64));
  private static final PluginId PLUGIN = new PluginId("example-prompt");
  private static final PluginId OTHER_PLUGIN = new PluginId("webhooks");
  private static final Map<String, String> SECRETS = Map.of("client_secret", "typed-once");

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
  private final InstantSource clock = () -> now.get();
  private final HeldSecrets held = new HeldSecrets(clock);

  @Test
  void aHold_isFoundWithItsHandleByItsSessionAndPluginOnly() {
    String handle = held.hold(SESSION, PLUGIN, SECRETS).orElseThrow();

    assertThat(handle).matches(HeldSecrets.HANDLE);
    assertThat(held.find(SESSION, PLUGIN, handle)).hasValue(SECRETS);
    assertThat(held.find(OTHER_SESSION, PLUGIN, handle)).isEmpty();
    assertThat(held.find(SESSION, OTHER_PLUGIN, handle)).isEmpty();
    assertThat(held.find(SESSION, PLUGIN, "x".repeat(43))).isEmpty();
  }

  @Test
  void aHold_endsAfterItsLifetime() {
    String handle = held.hold(SESSION, PLUGIN, SECRETS).orElseThrow();

    now.set(Instant.EPOCH.plus(HeldSecrets.LIFETIME).minusMillis(1));
    assertThat(held.find(SESSION, PLUGIN, handle)).isPresent();
    now.set(Instant.EPOCH.plus(HeldSecrets.LIFETIME));
    assertThat(held.find(SESSION, PLUGIN, handle)).isEmpty();
  }

  @Test
  void aNewHold_replacesTheOldOne_andReleaseOrNothingToHoldEndsIt() {
    String first = held.hold(SESSION, PLUGIN, SECRETS).orElseThrow();
    String second =
        held.hold(SESSION, PLUGIN, Map.of("client_secret", "typed-again")).orElseThrow();

    assertThat(second).isNotEqualTo(first);
    assertThat(held.find(SESSION, PLUGIN, first)).isEmpty();
    assertThat(held.find(SESSION, PLUGIN, second)).hasValue(Map.of("client_secret", "typed-again"));

    held.release(SESSION, PLUGIN);
    assertThat(held.find(SESSION, PLUGIN, second)).isEmpty();

    String third = held.hold(SESSION, PLUGIN, SECRETS).orElseThrow();
    assertThat(held.hold(SESSION, PLUGIN, Map.of())).isEmpty();
    assertThat(held.find(SESSION, PLUGIN, third)).isEmpty();
  }

  @Test
  void holdsAreBounded_andExpiredOnesMakeRoom() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(held.hold(new SessionKey("%064x".formatted(i + 16)), PLUGIN, SECRETS)).isPresent();
    }
    assertThat(held.hold(SESSION, PLUGIN, SECRETS)).isEmpty();

    now.set(Instant.EPOCH.plus(HeldSecrets.LIFETIME).plus(Duration.ofSeconds(1)));
    assertThat(held.hold(SESSION, PLUGIN, SECRETS)).isPresent();
  }
}
