package io.supportpro.adapter.in.web;

import java.util.List;

/**
 * What a page is to say, decided where the request's language is not at hand and worded when the
 * page is rendered: a key of the message bundles with the values it names, or words that arrive
 * already written, such as a plugin's.
 */
sealed interface Phrase {
  /** These words in the language of the texts. */
  String in(Texts texts);

  /** The text of a key, with its arguments. */
  static Phrase of(String key, Object... arguments) {
    return new Keyed(key, List.of(arguments));
  }

  /** Words shown as they are. */
  static Phrase written(String words) {
    return new Written(words);
  }

  /** A key of the message bundles and the values its text names. */
  record Keyed(String key, List<Object> arguments) implements Phrase {
    public Keyed {
      arguments = List.copyOf(arguments);
    }

    @Override
    public String in(Texts texts) {
      return texts.get(key, arguments.toArray());
    }
  }

  /** Words already written for the reader. */
  record Written(String words) implements Phrase {
    @Override
    public String in(Texts texts) {
      return words;
    }
  }
}
