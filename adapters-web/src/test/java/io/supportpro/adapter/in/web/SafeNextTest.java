package io.supportpro.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SafeNextTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/admin/operators",
        "/admin/operators?q=ada&page=2",
        "/admin/audit?from=2026-01-01#top",
        "/%2F%2Fevil.example",
        "/a/b/../c"
      })
  void aPathOnThisSite_isKept(String path) {
    assertThat(SafeNext.of(path)).isEqualTo(path);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "//evil.example",
        "///evil.example",
        "/\\evil.example",
        "\\/evil.example",
        "https://evil.example",
        "http:/evil.example",
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,x",
        "evil.example/path",
        "/path\\with\\backslashes",
        "/tab\there",
        "/new\nline",
        "/carriage\rreturn",
        "/nul\u0000",
        "/del\u007f",
        "/space here",
        "/caf\u00e9",
        "/\u2028",
        " /leading-space"
      })
  void anythingElse_becomesTheHomePage(String candidate) {
    assertThat(SafeNext.of(candidate)).isEqualTo("/");
  }

  @Test
  void aTargetLongerThan2000Characters_becomesTheHomePage() {
    String longest = "/" + "a".repeat(1_999);

    assertThat(SafeNext.of(longest)).isEqualTo(longest);
    assertThat(SafeNext.of(longest + "a")).isEqualTo("/");
  }

  @Test
  void theTarget_travelsEncodedInTheQueryStringAndHomeNeedsNone() {
    assertThat(SafeNext.asQuery("/")).isEmpty();
    assertThat(SafeNext.asQuery("/admin/operators?q=a&page=2"))
        .isEqualTo("?next=%2Fadmin%2Foperators%3Fq%3Da%26page%3D2");
  }
}
