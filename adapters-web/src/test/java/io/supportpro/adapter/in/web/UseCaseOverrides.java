package io.supportpro.adapter.in.web;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * Copies of the panel's use cases with some replaced, for outcomes the real services rarely give.
 */
final class UseCaseOverrides {
  private UseCaseOverrides() {}

  /**
   * The use cases with every in-port that {@code replacement} implements replaced by it, in
   * whichever group it is.
   *
   * @throws IllegalArgumentException when it implements none of them, so would test nothing
   */
  static WebUseCases replace(WebUseCases useCases, Object replacement) {
    var replaced = new AtomicBoolean();
    WebUseCases copy =
        copyOf(
            useCases,
            (group, value) ->
                copyOf(
                    (Record) value,
                    (inPort, useCase) -> {
                      if (!inPort.getType().isInstance(replacement)) {
                        return useCase;
                      }
                      replaced.set(true);
                      return replacement;
                    }));
    if (!replaced.get()) {
      throw new IllegalArgumentException("the panel drives no in-port that " + replacement + " is");
    }
    return copy;
  }

  /** The record with each component's value mapped, built again by its canonical constructor. */
  private static <R extends Record> R copyOf(
      R record, BiFunction<RecordComponent, Object, Object> map) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        values[i] = map.apply(components[i], components[i].getAccessor().invoke(record));
      }
      @SuppressWarnings("unchecked")
      Class<R> type = (Class<R>) record.getClass();
      return type.getConstructor(
              Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new))
          .newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
