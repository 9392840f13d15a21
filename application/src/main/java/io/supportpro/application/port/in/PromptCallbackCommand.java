package io.supportpro.application.port.in;

import io.supportpro.domain.session.SessionToken;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the browser brought back from a prompt: its session cookie (if any), the state, and the rest
 * of the query, which only the method reads.
 */
public record PromptCallbackCommand(
    Optional<SessionToken> token, String state, Map<String, String> answer, String clientAddress) {
  public PromptCallbackCommand {
    Objects.requireNonNull(token, "token");
    state = Objects.requireNonNullElse(state, "");
    answer = Map.copyOf(answer);
    Objects.requireNonNull(clientAddress, "clientAddress");
  }

  @Override
  public String toString() {
    return "PromptCallbackCommand[parameters=" + answer.keySet() + "]";
  }
}
