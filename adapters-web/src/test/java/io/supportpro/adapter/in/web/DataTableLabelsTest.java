package io.supportpro.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every cell of every data table in the templates names its column in {@code data-label}, which the
 * stylesheet shows before the value once narrow windows stack the rows, and names it as the
 * column's header does.
 */
class DataTableLabelsTest {
  private static final Path TEMPLATES = Path.of("src", "main", "resources", "templates");
  private static final Pattern TABLE = Pattern.compile("(?s)<table\\b.*?</table>");
  private static final Pattern HEADER = Pattern.compile("(?s)<th(\\s[^>]*)?>(.*?)</th>");
  private static final Pattern ROW = Pattern.compile("(?s)<tr\\b[^>]*>(.*?)</tr>");

  /** A start tag, its attribute values quoted, which may hold a '>' of an expression. */
  private static final Pattern CELL =
      Pattern.compile("<td((?:\\s+[\\w:-]+(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'))?)*)\\s*>");

  private static final Pattern ATTRIBUTE =
      Pattern.compile("([\\w:-]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'))?");
  private static final Pattern TH_TEXT = Pattern.compile("th:text=\"([^\"]*)\"");

  @Test
  void everyCellOfEveryDataTableIsLabelledWithItsColumnsHeader() throws IOException {
    List<Path> withTables = new ArrayList<>();
    for (Path template : templates()) {
      String html =
          Files.readString(template, StandardCharsets.UTF_8).replaceAll("(?s)<!--.*?-->", "");
      Matcher table = TABLE.matcher(html);
      while (table.find()) {
        withTables.add(template);
        String markup = table.group();
        List<String> headers = headers(markup.substring(0, markup.indexOf("</thead>")));
        Matcher row = ROW.matcher(markup.substring(markup.indexOf("<tbody")));
        while (row.find()) {
          List<String> labels = labels(row.group(1));
          assertThat(labels)
              .as(TEMPLATES.relativize(template) + ": the data-label of each cell of a row")
              .containsExactlyElementsOf(headers);
        }
      }
    }
    assertThat(withTables).as("templates with data tables").hasSizeGreaterThanOrEqualTo(6);
  }

  private static List<Path> templates() throws IOException {
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      return files.filter(file -> file.toString().endsWith(".html")).sorted().toList();
    }
  }

  /**
   * Each column's name as the template writes it: its {@code th:text} expression if it has one (on
   * the header cell or on the element inside it), else its literal text.
   */
  private static List<String> headers(String head) {
    List<String> headers = new ArrayList<>();
    Matcher header = HEADER.matcher(head);
    while (header.find()) {
      Matcher expression = TH_TEXT.matcher(header.group());
      headers.add(
          expression.find()
              ? expression.group(1)
              : header.group(2).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip());
    }
    return headers;
  }

  /** Each cell's label: its {@code th:data-label} expression if it has one, else its text. */
  private static List<String> labels(String row) {
    List<String> labels = new ArrayList<>();
    Matcher cell = CELL.matcher(row);
    while (cell.find()) {
      Map<String, String> attributes = attributes(cell.group(1));
      labels.add(attributes.getOrDefault("th:data-label", attributes.get("data-label")));
    }
    return labels;
  }

  private static Map<String, String> attributes(String tag) {
    Map<String, String> attributes = new HashMap<>();
    Matcher attribute = ATTRIBUTE.matcher(tag);
    while (attribute.find()) {
      String value = attribute.group(2) != null ? attribute.group(2) : attribute.group(3);
      attributes.put(attribute.group(1), value == null ? "" : value);
    }
    return attributes;
  }
}
