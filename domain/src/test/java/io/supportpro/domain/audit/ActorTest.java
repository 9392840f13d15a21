package io.supportpro.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.supportpro.domain.operator.OperatorId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActorTest {
  @Test
  void operator_namesTheSignedInOperator() {
    OperatorId id = OperatorId.random();

    Actor actor = Actor.operator(id, "root", "2001:db8::1");

    assertThat(actor.operator()).contains(id);
    assertThat(actor.name()).isEqualTo("root");
    assertThat(actor.clientAddress()).isEqualTo("2001:db8::1");
  }

  @Test
  void anonymous_hasNoOperatorButKeepsWhatWasTyped() {
    Actor actor = Actor.anonymous("Alice@Example.com", "192.0.2.7");

    assertThat(actor.operator()).isEmpty();
    assertThat(actor.name()).isEqualTo("Alice@Example.com");
    assertThat(actor.clientAddress()).isEqualTo("192.0.2.7");
  }

  @Test
  void system_isLocalAndHasNoOperator() {
    Actor actor = Actor.system("command line");

    assertThat(actor).isEqualTo(new Actor(Optional.empty(), "command line", "local"));
  }

  @Test
  void new_replacesControlCharactersInWhatWasTyped() {
    Actor actor = Actor.anonymous("admin\r\nSIGN_IN_SUCCEEDED root", "1.2.3.4\u0000");

    assertThat(actor.name()).isEqualTo("admin??SIGN_IN_SUCCEEDED root");
    assertThat(actor.clientAddress()).isEqualTo("1.2.3.4?");
  }

  @Test
  void new_clipsTheNameToTwoHundredAndTheAddressToSixtyFourCharacters() {
    Actor actor = Actor.anonymous("n".repeat(5_000), "a".repeat(100));

    assertThat(actor.name()).isEqualTo("n".repeat(200));
    assertThat(actor.clientAddress()).isEqualTo("a".repeat(64));
  }

  @Test
  void new_refusesMissingParts() {
    assertThatNullPointerException().isThrownBy(() -> new Actor(null, "n", "a"));
    assertThatNullPointerException().isThrownBy(() -> new Actor(Optional.empty(), null, "a"));
    assertThatNullPointerException().isThrownBy(() -> new Actor(Optional.empty(), "n", null));
  }
}
