package io.supportpro.adapter.out.duo.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {
  @Test
  void write_nestsMapsAndListsInOrder() {
    var inner = new LinkedHashMap<String, Object>();
    inner.put("result", "allow");
    inner.put("timestamp", 1_700_000_000);
    var outer = new LinkedHashMap<String, Object>();
    outer.put("aud", "DI0123");
    outer.put("score", 1.25);
    outer.put("exp", 1_700_000_300L);
    outer.put("ok", true);
    outer.put("none", null);
    outer.put("context", inner);
    outer.put("list", List.of(1, "two"));

    assertThat(StrictJson.write(outer))
        .isEqualTo(
            "{\"aud\":\"DI0123\",\"score\":1.25,\"exp\":1700000300,\"ok\":true,"
                + "\"none\":null,\"context\":{\"result\":\"allow\",\"timestamp\":1700000000},"
                + "\"list\":[1,\"two\"]}");
  }

  @Test
  void write_escapesQuotesBackslashesAndControlCharacters() {
    assertThat(StrictJson.write(Map.of("k", "a\"b\\c\nd\u0001e\u2028f\u2029")))
        .isEqualTo("{\"k\":\"a\\\"b\\\\c\\nd\\u0001e\\u2028f\\u2029\"}");
  }

  @Test
  void write_refusesWhatJsonCannotHold() {
    assertThatThrownBy(() -> StrictJson.write(Map.of("x", new Object())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void write_refusesDeepNesting() {
    Object lists = List.of();
    for (int level = 1; level < StrictJson.MAX_DEPTH; level++) {
      lists = List.of(lists);
    }
    Map<String, Object> tooDeep = Map.of("a", lists);

    assertThat(StrictJson.write(nested(StrictJson.MAX_DEPTH))).startsWith("{\"a\":{");
    assertThatThrownBy(() -> StrictJson.write(tooDeep))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void read_givesMapsListsStringsLongsDecimalsBooleansAndNull() throws Exception {
    Map<String, Object> object =
        StrictJson.readObject(
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
  void read_readsWhatWriteWrote() throws Exception {
    var claims = new LinkedHashMap<String, Object>();
    claims.put("name", "Zoë \"quoted\" \t tab \u2028 🔑");
    claims.put("nested", Map.of("deep", List.of(true, false)));
    claims.put("large", 12345678901234L);

    assertThat(StrictJson.readObject(StrictJson.write(claims))).isEqualTo(claims);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{a:1}",
        "{'a':1}",
        "{\"a\":1}x",
        "{\"a\":1} {}",
        "{\"a\":1,\"a\":2}",
        "{\"a\":{\"b\":1,\"b\":1}}",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":-}",
        "{\"a\":+1}",
        "{\"a\":NaN}",
        "{\"a\":tru}",
        "{\"a\":\"\\q\"}",
        "{\"a\":\"\\u12\"}",
        "{\"a\":\"line\nbreak\"}",
        "{\"a\":1 /* comment */}",
        "[1,2]",
        "\"text\"",
      })
  void read_refusesMalformedText(String text) {
    assertThatThrownBy(() -> StrictJson.readObject(text))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void read_refusesDeepNesting() throws Exception {
    String deep = StrictJson.write(nested(StrictJson.MAX_DEPTH));
    String tooDeep = "{\"a\":" + deep + "}";

    assertThat(StrictJson.readObject(deep)).containsKey("a");
    assertThatThrownBy(() -> StrictJson.readObject(tooDeep))
        .isInstanceOf(StreamConstraintsException.class);
  }

  @Test
  void read_refusesIntegersBeyondALong() throws Exception {
    assertThat(StrictJson.readObject("{\"n\":" + Long.MAX_VALUE + "}"))
        .containsEntry("n", Long.MAX_VALUE);
    assertThatThrownBy(() -> StrictJson.readObject("{\"n\":9223372036854775808}"))
        .isInstanceOf(InputCoercionException.class);
  }

  @Test
  void read_refusesOverlongNumbers() throws Exception {
    String longest = "-1." + "1".repeat(StrictJson.MAX_NUMBER_LENGTH - 1);

    assertThat(StrictJson.readObject("{\"n\":" + longest + "}"))
        .containsEntry("n", new BigDecimal(longest));
    assertThatThrownBy(() -> StrictJson.readObject("{\"n\":" + longest + "1}"))
        .isInstanceOf(StreamConstraintsException.class);
  }

  /** An object {@code depth} levels deep: {"a":{"a":...{}}}. */
  private static Map<String, Object> nested(int depth) {
    Map<String, Object> object = Map.of();
    for (int level = 1; level < depth; level++) {
      object = Map.of("a", object);
    }
    return object;
  }
}
