package io.supportpro.adapter.in.web;

import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Renders the Thymeleaf templates under {@code templates/} in the jar. */
final class ThymeleafRenderer implements FileRenderer {
  private final TemplateEngine engine;

  ThymeleafRenderer() {
    var resolver = new ClassLoaderTemplateResolver(ThymeleafRenderer.class.getClassLoader());
    resolver.setPrefix("templates/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    engine = new TemplateEngine();
    engine.setTemplateResolver(resolver);
  }

  @Override
  public String render(String filePath, Map<String, ?> model, Context ctx) {
    return engine.process(
        filePath, new org.thymeleaf.context.Context(Locale.ENGLISH, new HashMap<>(model)));
  }
}
