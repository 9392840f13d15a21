package io.supportpro.application.port.out;

import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.session.SessionKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A sign-in waiting for an external second factor: the hash of the state sent with the browser, the
 * plugin that sent it, the half-signed-in session it belongs to, the name the provider was asked to
 * check, and the page to show once signed in.
 */
public record PendingSignIn(
    String stateHash,
    PluginId plugin,
    SessionKey session,
    OperatorId operator,
    String username,
    String returnTo,
    Instant createdAt) {
  public PendingSignIn {
    Objects.requireNonNull(stateHash, "stateHash");
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(returnTo, "returnTo");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
