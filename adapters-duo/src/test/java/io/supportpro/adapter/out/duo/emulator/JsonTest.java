package io.supportpro.adapter.out.duo.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  @Test
  void write_nestsMapsAndListsInOrder() {
    var inner = new LinkedHashMap<String, Object>();
    inner.put("result", "allow");
    inner.put("timestamp", 1_700_000_000);
    var outer = new LinkedHashMap<String, Object>();
    outer.put("aud", "DI0123");
    outer.put("iat", 1_700_000_000.25);
    outer.put("exp", 1_700_000_300L);
    outer.put("ok", true);
    outer.put("none", null);
    outer.put("context", inner);
    outer.put("list", List.of(1, "two"));

    assertThat(Json.write(outer))
        .isEqualTo(
            "{\"aud\":\"DI0123\",\"iat\":1700000000.25,\"exp\":1700000300,\"ok\":true,"
                + "\"none\":null,\"context\":{\"result\":\"allow\",\"timestamp\":1700000000},"
                + "\"list\":[1,\"two\"]}");
  }

  @Test
  void write_escapesQuotesBackslashesAndControlCharacters() {
    assertThat(Json.write("a\"b\\c\nd\u0001e\u2028"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\u0001e\\u2028\"");
  }

  @Test
  void write_refusesWhatJsonCannotHold() {
    assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.write(Map.of(1, "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void read_givesMapsListsStringsLongsDecimalsBooleansAndNull() {
    Map<String, Object> object =
        Json.readObject(
            " { \"s\" : \"x\\u0041\\n\\/\" , \"i\": -12, \"d\": 1.5e2, \"t\": true, \"f\": false,"
                + " \"n\": null, \"a\": [1, {\"k\": []}], \"o\": {} } ");

    assertThat(object)
        .containsEntry("s", "xA\n/")
        .containsEntry("i", -12L)
        .containsEntry("d", new BigDecimal("1.5e2"))
        .containsEntry("t", true)
        .containsEntry("f", false)
        .containsEntry("n", null)
        .containsEntry("a", List.of(1L, Map.of("k", List.of())))
        .containsEntry("o", Map.of());
  }

  @Test
  void read_readsWhatWriteWrote() {
    var claims = new LinkedHashMap<String, Object>();
    claims.put("name", "Zoë \"quoted\" \t tab 🔑");
    claims.put("nested", Map.of("deep", List.of(true, false)));
    claims.put("large", 12345678901234L);

    assertThat(Json.readObject(Json.write(claims))).isEqualTo(claims);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{a:1}",
        "{\"a\":1}x",
        "{\"a\":1,\"a\":2}",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":-}",
        "{\"a\":tru}",
        "{\"a\":\"\\q\"}",
        "{\"a\":\"\\u12\"}",
        "{\"a\":\"line\nbreak\"}",
        "[1,2]",
      })
  void read_refusesMalformedText(String text) {
    assertThatThrownBy(() -> Json.readObject(text)).isInstanceOf(Json.MalformedJsonException.class);
  }

  @Test
  void read_refusesDeepNesting() {
    String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);

    assertThatThrownBy(() -> Json.read(deep)).isInstanceOf(Json.MalformedJsonException.class);
  }
}
