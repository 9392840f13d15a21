package io.supportpro.adapter.in.web.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what tests need from the panel's pages: form fields, CSRF tokens, codes and text. */
public final class Html {
  private static final Pattern TAG =
      Pattern.compile("<(input|select|textarea)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)=\"([^\"]*)\"");

  private Html() {}

  /** The value of the first hidden {@code csrf} field. */
  public static String csrf(String html) {
    return inputValue(html, "csrf").orElseThrow(() -> new AssertionError("no csrf field in page"));
  }

  /** The value of the first input with this name, decoded. */
  public static Optional<String> inputValue(String html, String name) {
    Matcher tags = TAG.matcher(html);
    while (tags.find()) {
      var attributes = attributes(tags.group());
      if (name.equals(attributes.name()) && attributes.value() != null) {
        return Optional.of(unescape(attributes.value()));
      }
    }
    return Optional.empty();
  }

  /** The text inside the first element with this class, decoded and trimmed. */
  public static Optional<String> textOfClass(String html, String cssClass) {
    Matcher element =
        Pattern.compile(
                "<(\\w+)[^>]*class=\"[^\"]*\\b"
                    + Pattern.quote(cssClass)
                    + "\\b[^\"]*\"[^>]*>(.*?)</\\1>",
                Pattern.DOTALL)
            .matcher(html);
    return element.find() ? Optional.of(text(element.group(2))) : Optional.empty();
  }

  /** The secret the set-up page shows for typing into an app by hand. */
  public static String totpSecret(String html) {
    return textOfClass(html, "secret").orElseThrow(() -> new AssertionError("no secret in page"));
  }

  /** The recovery codes the page shows. */
  public static List<String> recoveryCodes(String html) {
    Matcher list =
        Pattern.compile("<ol class=\"recovery-codes\">(.*?)</ol>", Pattern.DOTALL).matcher(html);
    List<String> codes = new ArrayList<>();
    if (list.find()) {
      Matcher code = Pattern.compile("<code>([^<]*)</code>").matcher(list.group(1));
      while (code.find()) {
        codes.add(code.group(1).strip());
      }
    }
    return codes;
  }

  /**
   * The ids of the visible form fields that no {@code <label for>} names: every field of the panel
   * must have one.
   */
  public static List<String> unlabelledFields(String html) {
    List<String> unlabelled = new ArrayList<>();
    Matcher tags = TAG.matcher(html);
    while (tags.find()) {
      var field = attributes(tags.group());
      if ("hidden".equals(field.type())) {
        continue;
      }
      if (field.id() == null || !html.contains("for=\"" + field.id() + "\"")) {
        unlabelled.add(field.id() == null ? tags.group() : field.id());
      }
    }
    return unlabelled;
  }

  /**
   * The address a link of the page leads to, found by its {@code rel} or, failing that, its text.
   */
  public static Optional<String> link(String html, String relOrText) {
    Matcher byRel =
        Pattern.compile("<a href=\"([^\"]*)\" rel=\"" + Pattern.quote(relOrText) + "\"")
            .matcher(html);
    if (byRel.find()) {
      return Optional.of(unescape(byRel.group(1)));
    }
    Matcher byText =
        Pattern.compile("<a href=\"([^\"]*)\">" + Pattern.quote(relOrText) + "</a>").matcher(html);
    return byText.find() ? Optional.of(unescape(byText.group(1))) : Optional.empty();
  }

  /** The text of the markup: tags removed, entities decoded, whitespace collapsed. */
  public static String text(String html) {
    String withoutTags = html.replaceAll("(?s)<head>.*?</head>", " ").replaceAll("<[^>]+>", " ");
    return unescape(withoutTags).replaceAll("\\s+", " ").strip();
  }

  /** Decodes the entities Thymeleaf writes. */
  public static String unescape(String text) {
    Matcher numeric = Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(text);
    StringBuilder decoded = new StringBuilder();
    while (numeric.find()) {
      int code = Integer.parseInt(numeric.group(2), numeric.group(1).isEmpty() ? 10 : 16);
      numeric.appendReplacement(decoded, Matcher.quoteReplacement(Character.toString(code)));
    }
    numeric.appendTail(decoded);
    return decoded
        .toString()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
  }

  private record Field(String name, String id, String type, String value) {}

  private static Field attributes(String tag) {
    String name = null;
    String id = null;
    String type = null;
    String value = null;
    Matcher attribute = ATTRIBUTE.matcher(tag);
    while (attribute.find()) {
      switch (attribute.group(1)) {
        case "name" -> name = attribute.group(2);
        case "id" -> id = attribute.group(2);
        case "type" -> type = attribute.group(2);
        case "value" -> value = attribute.group(2);
        default -> {}
      }
    }
    return new Field(name, id, type, value);
  }
}
