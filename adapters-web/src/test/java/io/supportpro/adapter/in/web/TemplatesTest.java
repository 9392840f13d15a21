package io.supportpro.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.attoparser.ParseException;
import org.attoparser.config.ParseConfiguration;
import org.attoparser.dom.DOMMarkupParser;
import org.attoparser.dom.Element;
import org.attoparser.dom.INestableNode;
import org.attoparser.dom.INode;
import org.attoparser.dom.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every word a template writes comes from the bundles, and every language has each of them. */
class TemplatesTest {
  private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([^}(]+)");

  /** What a person does not read as words: space, punctuation, symbols and digits alone. */
  private static final Pattern NO_WORDS = Pattern.compile("[\\s\\p{P}\\p{S}\\p{N}]*");

  /** Attributes that a person reads, or hears from a screen reader. */
  private static final Set<String> READ_ATTRIBUTES =
      Set.of("title", "aria-label", "alt", "placeholder", "data-label");

  /**
   * Thymeleaf attributes that replace an element's content (or the element), so the words written
   * inside it in the template are never shown.
   */
  private static final Set<String> CONTENT_REPLACED =
      Set.of("th:text", "th:utext", "th:replace", "th:insert");

  static Stream<Path> templates() throws IOException, URISyntaxException {
    Path root =
        Path.of(TemplatesTest.class.getClassLoader().getResource("templates/layout.html").toURI())
            .getParent();
    return Files.walk(root).filter(path -> path.toString().endsWith(".html")).sorted();
  }

  @ParameterizedTest
  @MethodSource("templates")
  void everyKeyATemplateUses_isInEveryLanguageOfTheBundles(Path template) throws IOException {
    Set<String> keys = new TreeSet<>();
    Matcher key = MESSAGE_KEY.matcher(Files.readString(template));
    while (key.find()) {
      keys.add(key.group(1).strip());
    }
    for (Locale language : Texts.LANGUAGES) {
      Set<String> known = new TreeSet<>();
      for (String bundle : Texts.BUNDLES) {
        known.addAll(load(bundle, language).stringPropertyNames());
      }
      assertThat(known).as("%s in %s", template.getFileName(), language).containsAll(keys);
    }
  }

  @ParameterizedTest
  @MethodSource("templates")
  void noTemplate_writesWordsOfItsOwn(Path template) throws IOException, ParseException {
    List<String> literal = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
      collectLiteralText(
          new DOMMarkupParser(ParseConfiguration.htmlConfiguration()).parse(reader), literal);
    }
    assertThat(literal).as("words written in %s, not taken from the bundles", template).isEmpty();
  }

  @Test
  void everyPageTextWithArguments_isAMessageFormatPatternInItsLanguage() throws IOException {
    Pattern argument = Pattern.compile("\\{\\d");
    for (Locale language : Texts.LANGUAGES) {
      load("i18n/pages", language)
          .forEach(
              (key, text) -> {
                if (argument.matcher((String) text).find()) {
                  assertThatCode(() -> new MessageFormat((String) text, language))
                      .as("%s in %s", key, language)
                      .doesNotThrowAnyException();
                }
              });
    }
  }

  @Test
  void theCheck_findsWordsInTextAndInReadAttributes_butNotInWhatThymeleafReplaces()
      throws ParseException {
    String template =
        """
        <main>
          <h1>Welcome</h1>
          <p th:text="#{home.heading}">Welcome</p>
          <a href="/" title="Home" th:aria-label="#{layout.nav.home}">›</a>
          <img src="/qr" alt="QR code"><span aria-label="Pages">·</span>
          <input type="submit" value="Send"><input type="hidden" name="action" value="save">
          <td data-label="Kind">12</td>
          <div th:replace="~{fragments :: field('q', #{common.search}, 'search')}">Search</div>
        </main>
        """;
    List<String> literal = new ArrayList<>();

    collectLiteralText(
        new DOMMarkupParser(ParseConfiguration.htmlConfiguration()).parse(template), literal);

    assertThat(literal)
        .containsExactly(
            "Welcome",
            "title=\"Home\"",
            "alt=\"QR code\"",
            "aria-label=\"Pages\"",
            "value=\"Send\"",
            "data-label=\"Kind\"");
  }

  private static void collectLiteralText(INestableNode parent, List<String> literal) {
    for (INode node : parent.getChildren()) {
      if (node instanceof Text text && !NO_WORDS.matcher(text.getContent()).matches()) {
        literal.add(text.getContent().strip());
      } else if (node instanceof Element element) {
        Map<String, String> attributes = element.getAttributeMap();
        attributes.forEach(
            (name, value) -> {
              if (readAttribute(element, name) && !NO_WORDS.matcher(value).matches()) {
                literal.add(name + "=\"" + value + "\"");
              }
            });
        if (CONTENT_REPLACED.stream().noneMatch(attributes::containsKey)) {
          collectLiteralText(element, literal);
        }
      }
    }
  }

  /**
   * Whether a person reads the attribute; an input's value only on a button drawn from an input (a
   * {@code <button>}'s value is what the form sends, its content is what a person reads).
   */
  private static boolean readAttribute(Element element, String name) {
    if (READ_ATTRIBUTES.contains(name)) {
      return true;
    }
    String type = element.getAttributeValue("type");
    return name.equals("value")
        && element.elementNameMatches("input")
        && type != null
        && Set.of("submit", "button", "reset").contains(type.toLowerCase(Locale.ROOT));
  }

  private static Properties load(String bundle, Locale language) throws IOException {
    String resource =
        language.equals(Texts.LANGUAGES.getFirst())
            ? bundle + ".properties"
            : bundle + "_" + language.getLanguage() + ".properties";
    try (InputStream in = TemplatesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return properties;
    }
  }
}
