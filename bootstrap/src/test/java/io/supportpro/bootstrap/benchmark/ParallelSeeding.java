package io.supportpro.bootstrap.benchmark;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Seeds a store one row at a time, as the panel writes them, from a few threads at once as requests
 * arrive, so that seeding a database over the network does not wait on each round trip.
 */
final class ParallelSeeding {
  private static final int THREADS = 4;

  private ParallelSeeding() {}

  /**
   * Calls {@code add} once for each of {@code 0} to {@code count - 1}, each thread taking every
   * fourth number in increasing order; returns the seconds it took.
   */
  static long seconds(int count, IntConsumer add) throws Exception {
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      List<Future<?>> parts =
          IntStream.range(0, THREADS)
              .<Future<?>>mapToObj(
                  part ->
                      pool.submit(
                          () -> {
                            for (int i = part; i < count; i += THREADS) {
                              add.accept(i);
                            }
                          }))
              .toList();
      for (Future<?> part : parts) {
        part.get();
      }
    }
    return (System.nanoTime() - start) / 1_000_000_000;
  }
}
