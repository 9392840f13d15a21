package io.supportpro.adapter.in.web;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Copies of the panel's use cases with some replaced, for outcomes the real services rarely give.
 */
final class UseCaseOverrides {
  private UseCaseOverrides() {}

  /** The use cases with every in-port that {@code replacement} implements replaced by it. */
  static WebUseCases replace(WebUseCases useCases, Object replacement) {
    RecordComponent[] components = WebUseCases.class.getRecordComponents();
    Object[] values = new Object[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        values[i] =
            components[i].getType().isInstance(replacement)
                ? replacement
                : components[i].getAccessor().invoke(useCases);
      }
      return WebUseCases.class
          .getConstructor(
              Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new))
          .newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
