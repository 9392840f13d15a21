package io.supportpro.domain.session;

import java.util.List;
import java.util.Objects;

/**
 * The browser and operating system a User-Agent names, limited to the common families so that the
 * list of sessions says something recognisable and never repeats the header's text.
 */
public record ClientDescription(String browser, String system) {
  public static final String UNKNOWN = "Unknown";

  /**
   * Browser families, most specific first: Edge says it is Chrome, and Chrome says it is Safari.
   */
  private static final List<Family> BROWSERS =
      List.of(
          new Family("Edge", List.of("Edg/", "EdgA/", "EdgiOS/", "Edge/")),
          new Family(UNKNOWN, List.of("OPR/", "Opera", "SamsungBrowser/", "YaBrowser/")),
          new Family("Firefox", List.of("Firefox/", "FxiOS/")),
          new Family("Chrome", List.of("Chrome/", "CriOS/")),
          new Family("Safari", List.of("Version/")));

  /** Systems, most specific first: iOS says it is "like Mac OS X", and Android that it is Linux. */
  private static final List<Family> SYSTEMS =
      List.of(
          new Family("Windows", List.of("Windows")),
          new Family("iOS", List.of("iPhone", "iPad", "iPod")),
          new Family("Android", List.of("Android")),
          new Family(UNKNOWN, List.of("CrOS")),
          new Family("macOS", List.of("Macintosh", "Mac OS X")),
          new Family("Linux", List.of("Linux", "X11")));

  private record Family(String name, List<String> markers) {
    boolean matches(String userAgent) {
      return markers.stream().anyMatch(userAgent::contains);
    }
  }

  public ClientDescription {
    Objects.requireNonNull(browser, "browser");
    Objects.requireNonNull(system, "system");
  }

  /** What the User-Agent names; "Unknown" for each part it does not name recognisably. */
  public static ClientDescription of(String userAgent) {
    String text = Objects.requireNonNullElse(userAgent, "");
    boolean safariLike = text.contains("Safari/") || text.contains("Mobile/");
    String browser =
        BROWSERS.stream()
            .filter(family -> family.matches(text))
            .filter(family -> !family.name().equals("Safari") || safariLike)
            .map(Family::name)
            .findFirst()
            .orElse(UNKNOWN);
    String system =
        SYSTEMS.stream()
            .filter(family -> family.matches(text))
            .map(Family::name)
            .findFirst()
            .orElse(UNKNOWN);
    return new ClientDescription(browser, system);
  }
}
