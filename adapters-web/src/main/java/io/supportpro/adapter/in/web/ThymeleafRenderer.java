package io.supportpro.adapter.in.web;

import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.util.HashMap;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the Thymeleaf templates under {@code templates/} in the jar, in the request's language.
 */
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
    engine.setMessageResolver(new BundleMessages());
  }

  @Override
  public String render(String filePath, Map<String, ?> model, Context ctx) {
    return engine.process(
        filePath, new org.thymeleaf.context.Context(Texts.of(ctx).locale(), new HashMap<>(model)));
  }

  /** Resolves {@code #{key}} from the same bundles as {@link Texts}. */
  private static final class BundleMessages implements IMessageResolver {
    @Override
    public String getName() {
      return "bundles";
    }

    @Override
    public Integer getOrder() {
      return 0;
    }

    @Override
    public String resolveMessage(
        ITemplateContext context, Class<?> origin, String key, Object[] messageParameters) {
      return Texts.in(context.getLocale()).find(key, messageParameters).orElse(null);
    }

    @Override
    public String createAbsentMessageRepresentation(
        ITemplateContext context, Class<?> origin, String key, Object[] messageParameters) {
      return "??" + key + "??";
    }
  }
}
