package io.supportpro.adapter.in.web;

import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.session.SessionKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Secrets an administrator typed into a plugin's settings form, held in this server's memory for a
 * few minutes so that the next press of Save or Test connection uses them without a page ever
 * carrying them: bound to the session and the plugin, reached only with the random handle the page
 * carries, one hold per session and plugin, dropped once saved.
 */
final class HeldSecrets {
  /** How long a typed secret is held after the page that holds it was shown. */
  static final Duration LIFETIME = Duration.ofMinutes(10);

  /** The shape of a handle, so that anything else is refused before any lookup. */
  static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_-]{43}");

  // Each hold is a few short strings; the bound keeps a flood of tests from filling the memory.
  private static final int MAX_HOLDS = 1_000;

  private record Owner(SessionKey session, PluginId plugin) {}

  private record Hold(String handle, Map<String, String> secrets, Instant until) {}

  private final Map<Owner, Hold> holds = new ConcurrentHashMap<>();
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();

  HeldSecrets(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Holds the secrets (by setting key) for the session and plugin in the place of any held before,
   * answering the handle for the page to carry; empty when there is nothing to hold or no room.
   */
  Optional<String> hold(SessionKey session, PluginId plugin, Map<String, String> secrets) {
    Owner owner = new Owner(session, plugin);
    holds.remove(owner);
    if (secrets.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    holds.values().removeIf(hold -> !hold.until().isAfter(now));
    if (holds.size() >= MAX_HOLDS) {
      return Optional.empty();
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    holds.put(owner, new Hold(handle, Map.copyOf(secrets), now.plus(LIFETIME)));
    return Optional.of(handle);
  }

  /** The secrets held for the session and plugin under this handle, while they last. */
  Optional<Map<String, String>> find(SessionKey session, PluginId plugin, String handle) {
    Hold hold = holds.get(new Owner(session, plugin));
    if (hold == null
        || !hold.until().isAfter(clock.instant())
        || !MessageDigest.isEqual(
            hold.handle().getBytes(StandardCharsets.US_ASCII),
            handle.getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    return Optional.of(hold.secrets());
  }

  /** Forgets what is held for the session and plugin. */
  void release(SessionKey session, PluginId plugin) {
    holds.remove(new Owner(session, plugin));
  }
}
