package io.supportpro.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stylesheet's light and dark palettes meet WCAG 2.2 AA: 4.5:1 for every text on the
 * backgrounds it is used on, 3:1 for the borders of controls and for the focus ring.
 */
class ColourContrastTest {
  private static final double TEXT = 4.5;
  private static final double NON_TEXT = 3.0;
  private static final Pattern ROOT = Pattern.compile(":root\\s*\\{([^}]*)}");
  private static final Pattern DARK =
      Pattern.compile("@media \\(prefers-color-scheme: dark\\)\\s*\\{\\s*:root\\s*\\{([^}]*)}");
  private static final Pattern PROPERTY = Pattern.compile("--([a-z-]+):\\s*([^;]+);");

  /** The backgrounds a focusable control sits on: the page, the table rows, the top bar. */
  private static final List<String> FOCUS_BACKGROUNDS =
      List.of("paper", "canvas", "row-hover", "bar", "bar-dark");

  /** Each text colour with the backgrounds the stylesheet puts it on. */
  private static final List<Pair> TEXTS =
      List.of(
          new Pair("ink", "paper"),
          new Pair("ink", "canvas"),
          new Pair("ink", "row-hover"),
          new Pair("ink", "ok-bg"),
          new Pair("ink", "danger-bg"),
          new Pair("ink", "warn-bg"),
          new Pair("ink", "readonly-bg"),
          new Pair("ink-soft", "paper"),
          new Pair("ink-soft", "canvas"),
          new Pair("ink-soft", "row-hover"),
          new Pair("ink-soft", "muted-bg"),
          new Pair("brand", "paper"),
          new Pair("brand", "canvas"),
          new Pair("brand", "row-hover"),
          new Pair("brand", "ok-bg"),
          new Pair("brand", "danger-bg"),
          new Pair("brand", "warn-bg"),
          new Pair("brand-dark", "paper"),
          new Pair("brand-dark", "brand-tint"),
          new Pair("on-accent", "brand"),
          new Pair("on-accent", "brand-dark"),
          new Pair("on-accent", "danger"),
          new Pair("on-accent", "danger-dark"),
          new Pair("on-bar", "bar"),
          new Pair("on-bar", "bar-dark"),
          new Pair("on-bar", "bar-hover"),
          new Pair("danger", "paper"),
          new Pair("danger", "canvas"),
          new Pair("danger", "danger-bg"),
          new Pair("ok", "paper"),
          new Pair("ok", "ok-bg"));

  /** Each control's border, and the marks that tell a state, with their backgrounds. */
  private static final List<Pair> BOUNDARIES =
      List.of(
          new Pair("control-line", "paper"),
          new Pair("control-line", "canvas"),
          new Pair("brand", "paper"),
          new Pair("brand", "canvas"),
          new Pair("danger", "paper"),
          new Pair("danger", "canvas"),
          new Pair("on-bar-line", "bar"),
          new Pair("on-bar", "bar-dark"));

  private static String css;

  @BeforeAll
  static void readStylesheet() throws IOException {
    try (InputStream in = ColourContrastTest.class.getResourceAsStream("/assets/app.css")) {
      css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  enum Scheme {
    LIGHT,
    DARK
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void everyTextStandsOutFromItsBackground(Scheme scheme) {
    Map<String, String> palette = palette(scheme);
    for (Pair pair : TEXTS) {
      assertThat(contrast(palette, pair)).as(scheme + " " + pair).isGreaterThanOrEqualTo(TEXT);
    }
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void everyControlsBorderStandsOutFromItsBackground(Scheme scheme) {
    Map<String, String> palette = palette(scheme);
    for (Pair pair : BOUNDARIES) {
      assertThat(contrast(palette, pair)).as(scheme + " " + pair).isGreaterThanOrEqualTo(NON_TEXT);
    }
  }

  /**
   * The focus indicator is two rings, the inner one next to the control and the outer one around
   * it: they stand out from each other, and one of them from every background a control sits on.
   */
  @ParameterizedTest
  @EnumSource(Scheme.class)
  void theFocusRingStandsOutOnEveryBackground(Scheme scheme) {
    Map<String, String> palette = palette(scheme);
    assertThat(contrast(palette, new Pair("focus", "focus-inner")))
        .as(scheme + " the two rings")
        .isGreaterThanOrEqualTo(NON_TEXT);
    for (String surface : FOCUS_BACKGROUNDS) {
      double outer = contrast(palette, new Pair("focus", surface));
      double inner = contrast(palette, new Pair("focus-inner", surface));
      assertThat(Math.max(outer, inner))
          .as(scheme + " on " + surface)
          .isGreaterThanOrEqualTo(NON_TEXT);
    }
  }

  @Test
  void bothPalettesNameTheSameColours_andFormControlsFollowThem() {
    assertThat(properties(block(DARK)).keySet())
        .as("the dark palette redefines every colour of the light one")
        .containsExactlyInAnyOrderElementsOf(
            properties(block(ROOT)).entrySet().stream()
                .filter(property -> property.getValue().startsWith("#"))
                .map(Map.Entry::getKey)
                .toList());
    assertThat(css).contains("color-scheme: light dark;");
  }

  private record Pair(String foreground, String background) {
    @Override
    public String toString() {
      return "--" + foreground + " on --" + background;
    }
  }

  private static Map<String, String> palette(Scheme scheme) {
    Map<String, String> palette = new HashMap<>(properties(block(ROOT)));
    if (scheme == Scheme.DARK) {
      palette.putAll(properties(block(DARK)));
    }
    return palette;
  }

  private static String block(Pattern pattern) {
    Matcher block = pattern.matcher(css);
    assertThat(block.find()).as("app.css has " + pattern).isTrue();
    return block.group(1);
  }

  private static Map<String, String> properties(String block) {
    Map<String, String> properties = new HashMap<>();
    Matcher property = PROPERTY.matcher(block.replaceAll("(?s)/\\*.*?\\*/", ""));
    while (property.find()) {
      properties.put(property.group(1), property.group(2).strip());
    }
    return properties;
  }

  private static double contrast(Map<String, String> palette, Pair pair) {
    double a = luminance(colour(palette, pair.foreground()));
    double b = luminance(colour(palette, pair.background()));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }

  private static String colour(Map<String, String> palette, String name) {
    String value = palette.get(name);
    assertThat(value).as("--" + name).isNotNull().matches("#[0-9a-fA-F]{6}");
    return value;
  }

  /** The relative luminance of an sRGB colour, as WCAG 2.2 defines it. */
  private static double luminance(String hex) {
    int rgb = Integer.parseInt(hex.substring(1), 16);
    return 0.2126 * linear(rgb >> 16) + 0.7152 * linear(rgb >> 8) + 0.0722 * linear(rgb);
  }

  private static double linear(int channel) {
    double c = (channel & 0xff) / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
}
