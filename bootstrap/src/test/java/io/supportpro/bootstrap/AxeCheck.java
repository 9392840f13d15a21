package io.supportpro.bootstrap;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.WebDriver;

/**
 * Deque's axe-core on the page a browser shows, at WCAG 2.2 level AA, each violation described as
 * its rule, impact, the elements it found and where the rule is explained.
 */
final class AxeCheck {
  /** The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
  static final List<String> WCAG_22_AA =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

  /** The rules whose outcome depends on the colours alone, and so on the colour scheme. */
  static final List<String> COLOUR_RULES = List.of("color-contrast", "link-in-text-block");

  private AxeCheck() {}

  /**
   * The violations of WCAG 2.2 AA on the current page, one line each, headed by the page's address;
   * empty when there are none.
   */
  static List<String> violations(WebDriver driver) {
    return violations(driver, new AxeBuilder().withTags(WCAG_22_AA));
  }

  /**
   * The violations of the colour rules on the current page, for a second look at it in another
   * colour scheme, where nothing but the colours changed.
   */
  static List<String> colourViolations(WebDriver driver) {
    return violations(driver, new AxeBuilder().withOnlyRules(COLOUR_RULES));
  }

  private static List<String> violations(WebDriver driver, AxeBuilder axe) {
    var options = new AxeRunOptions();
    // Only the violations are read: leaving out what passed keeps each run short.
    options.setResultTypes(List.of("violations"));
    Results results =
        axe.withOptions(options)
            // The panel's pages have no frames: axe runs in the page itself, without the blank
            // window its frame-by-frame mode opens for every check.
            .setLegacyMode(true)
            .analyze(driver);
    if (results.isErrored()) {
      throw new IllegalStateException("axe-core failed on " + results.getUrl(), results.getError());
    }
    return results.getViolations().stream()
        .map(rule -> driver.getCurrentUrl() + ": " + describe(rule))
        .toList();
  }

  private static String describe(Rule rule) {
    return "%s (%s) at %s: %s, see %s"
        .formatted(
            rule.getId(),
            rule.getImpact(),
            rule.getNodes().stream()
                .map(CheckedNode::getTarget)
                .map(String::valueOf)
                .collect(Collectors.joining(", ")),
            rule.getHelp(),
            rule.getHelpUrl());
  }
}
