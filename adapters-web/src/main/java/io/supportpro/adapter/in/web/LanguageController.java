package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.ChooseLanguageUseCase;
import io.supportpro.application.port.in.ChooseLanguageUseCase.LanguageChoice;
import java.util.Locale;

/** The operator's own language, in which the panel speaks to them whatever their browser asks. */
final class LanguageController {
  static final String PAGE = "/account/language";
  private static final int MAX_LENGTH = 35;

  private final ChooseLanguageUseCase languages;

  LanguageController(ChooseLanguageUseCase languages) {
    this.languages = languages;
  }

  void register(RoutesConfig routes) {
    routes.get(PAGE, ctx -> form(ctx, 200, null), Access.SIGNED_IN);
    routes.post(PAGE, this::choose, Access.SIGNED_IN);
  }

  /** A language the form offers, named in itself so that a reader of any language finds theirs. */
  record Option(String tag, String name) {
    static Option of(Locale language) {
      String name = language.getDisplayLanguage(language);
      return new Option(
          language.toLanguageTag(), name.substring(0, 1).toUpperCase(language) + name.substring(1));
    }
  }

  private void form(Context ctx, int status, String error) {
    Visitor visitor = Visitor.required(ctx);
    Pages.render(
        ctx,
        status,
        "account-language",
        Pages.model(
            "section",
            "account",
            "languages",
            ChooseLanguageUseCase.LANGUAGES.stream().map(Option::of).toList(),
            "chosen",
            languages.language(visitor.operator().id()).map(Locale::toLanguageTag).orElse(null),
            "current",
            Texts.of(ctx).locale().toLanguageTag(),
            "error",
            error,
            "errors",
            Pages.fieldError("language", error),
            "csrf",
            visitor.session().csrfToken()));
  }

  private void choose(Context ctx) {
    Visitor visitor = Visitor.required(ctx);
    String language = Params.form(ctx).text("language");
    var problem = FieldCheck.problem(Texts.of(ctx), language, MAX_LENGTH);
    if (problem.isPresent()) {
      form(ctx, 400, problem.get());
      return;
    }
    switch (languages.choose(visitor.actor(ctx), visitor.operator().id(), language)) {
      case LanguageChoice.Chosen chosen ->
          Pages.seeOther(ctx, PAGE + Notice.LANGUAGE_SAVED.query());
      case LanguageChoice.UnsupportedLanguage unsupported ->
          form(ctx, 400, Texts.of(ctx).get("account-language.unsupported"));
      case LanguageChoice.NoSuchOperator gone -> throw Halt.notFound();
    }
  }
}
