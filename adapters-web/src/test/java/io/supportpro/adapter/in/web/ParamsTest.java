package io.supportpro.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParamsTest {
  private static Params parse(String encoded) {
    return Params.parse(encoded.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void fieldsAreDecodedAsUtf8WithPlusAsSpace() {
    Params params = parse("login=ada+lovelace&password=p%C3%A4ss%26%3D&next=%2Fadmin");

    assertThat(params.text("login")).isEqualTo("ada lovelace");
    assertThat(params.text("password")).isEqualTo("päss&=");
    assertThat(params.text("next")).isEqualTo("/admin");
  }

  @Test
  void aMissingFieldIsEmptyButKnownToBeMissing() {
    Params params = parse("a=&b");

    assertThat(params.text("a")).isEmpty();
    assertThat(params.optional("a")).hasValue("");
    assertThat(params.optional("b")).hasValue("");
    assertThat(params.text("c")).isEmpty();
    assertThat(params.optional("c")).isEmpty();
  }

  @Test
  void theFirstOfRepeatedFieldsCounts() {
    assertThat(parse("csrf=first&csrf=second").text("csrf")).isEqualTo("first");
  }

  @Test
  void emptyPartsAreIgnored() {
    Params params = parse("&&a=1&&");

    assertThat(params.text("a")).isEqualTo("1");
    assertThat(parse("").optional("a")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=%zz", "a=%", "a=%4", "a=%C3%28", "a=%FF", "a=%ED%A0%80", "%zz=1"})
  void malformedEncodingIsRefusedWithAMessage(String encoded) {
    assertThatThrownBy(() -> parse(encoded))
        .isInstanceOfSatisfying(
            Halt.ErrorPage.class,
            page -> {
              assertThat(page.status()).isEqualTo(400);
              assertThat(page.detail()).isEqualTo(Params.UNREADABLE);
            });
  }

  @Test
  void tooManyFieldsAreRefused() {
    var many = new StringBuilder();
    for (int i = 0; i < 65; i++) {
      many.append("f").append(i).append("=x&");
    }

    assertThatThrownBy(() -> parse(many.toString())).isInstanceOf(Halt.ErrorPage.class);
  }
}
