package io.supportpro.domain.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {
  private static final String SHAPE_MESSAGE =
      "An e-mail address looks like name@example.com, with no spaces.";

  /** An address of exactly {@code length} characters with a 64-character local part. */
  private static String addressOfLength(int length) {
    String local = "l".repeat(64);
    String tld = ".example";
    String label = "d".repeat(length - local.length() - 1 - tld.length());
    return local + "@" + label + tld;
  }

  @Test
  void new_stripsAndLowerCases() {
    assertThat(new EmailAddress("  Ada.Lovelace@Example.COM \n").value())
        .isEqualTo("ada.lovelace@example.com");
  }

  @Test
  void new_addressesThatDifferOnlyInCaseAreEqual() {
    assertThat(new EmailAddress("ADA@EXAMPLE.COM")).isEqualTo(new EmailAddress("ada@example.com"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ada@example.com",
        "ada+support@mail-server.example.org",
        "o'brien@example.ie",
        "first.last@sub.domain.example",
        "jürgen@müller.de",
        "用户@例子.广告",
        "a@b.c"
      })
  void new_acceptsOrdinaryAndInternationalAddresses(String address) {
    assertThat(new EmailAddress(address).value()).isEqualTo(address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ada",
        "ada@",
        "@example.com",
        "ada@example",
        "ada@@example.com",
        "ada@example..com",
        "ada@.example.com",
        "ada@example.com.",
        "ada@exa_mple.com",
        "ada lovelace@example.com",
        "ada@exa mple.com",
        "ada@<script>.com",
        "ada@example.com;drop table operators",
        "ada@example.com'--"
      })
  void new_refusesWhatIsNotShapedLikeAnAddress(String address) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new EmailAddress(address))
        .withMessage(SHAPE_MESSAGE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ada\u00A0lovelace@example.com", "ada\u2003x@example.com", "a\u3000b@c.de"})
  void new_refusesUnicodeSpacesInside(String address) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new EmailAddress(address))
        .withMessage(SHAPE_MESSAGE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ada\u0000@example.com",
        "ada\n@example.com",
        "ada\r\nBcc:eve@example.com",
        "ada\u007F@example.com",
        "ada\u202E@example.com",
        "ada\u200B@example.com",
        "ada\u2028@example.com"
      })
  void new_refusesControlAndFormatCharacters(String address) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new EmailAddress(address))
        .withMessage(SHAPE_MESSAGE);
  }

  @Test
  void new_acceptsALocalPartOfSixtyFourCharacters() {
    String address = "a".repeat(64) + "@example.com";

    assertThat(new EmailAddress(address).value()).isEqualTo(address);
  }

  @Test
  void new_refusesALocalPartOfSixtyFiveCharacters() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new EmailAddress("a".repeat(65) + "@example.com"))
        .withMessage(SHAPE_MESSAGE);
  }

  @Test
  void new_acceptsTwoHundredFiftyFourCharacters() {
    String address = addressOfLength(254);

    assertThat(new EmailAddress(address).value()).hasSize(254);
  }

  @Test
  void new_refusesTwoHundredFiftyFiveCharacters() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new EmailAddress(addressOfLength(255)))
        .withMessage("An e-mail address has 1 to 254 characters.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void new_refusesEmptyOrBlank(String blank) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new EmailAddress(blank))
        .withMessage("An e-mail address has 1 to 254 characters.");
  }

  @Test
  void new_refusesNull() {
    assertThatNullPointerException().isThrownBy(() -> new EmailAddress(null));
  }

  @Test
  void toString_isTheValue() {
    assertThat(new EmailAddress("Ada@Example.com")).hasToString("ada@example.com");
  }
}
