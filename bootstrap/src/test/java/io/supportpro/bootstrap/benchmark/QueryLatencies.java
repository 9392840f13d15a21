package io.supportpro.bootstrap.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How long a query of a page view takes, repeated, as the median, 95th and 99th percentile. */
final class QueryLatencies {
  private static final int MIN_SAMPLES = 5;

  private QueryLatencies() {}

  /** A query of one page view; answers how many rows it found, read or counted. */
  @FunctionalInterface
  interface Query {
    long run();
  }

  /** Latencies of one query in milliseconds, after one run to warm it up. */
  record Percentiles(long found, double p50, double p95, double p99, int samples) {
    /** Records the median, 95th and 99th percentile as figures of the run. */
    void record(String figure, String where) {
      BenchmarkFigures.record(figure + ", p50", where, p50, "ms");
      BenchmarkFigures.record(figure + ", p95", where, p95, "ms");
      BenchmarkFigures.record(figure + ", p99", where, p99, "ms");
    }

    /** The latencies as a cell of a printed table. */
    String cell() {
      return String.format(Locale.ROOT, "%.1f / %.1f / %.1f (%d)", p50, p95, p99, samples);
    }
  }

  /**
   * Times the query again and again for {@code nanos} (at least five times), each time after a
   * write that is not timed: H2 answers a query repeated on a connection from its last result until
   * a table it reads changes, which a panel in use rarely allows.
   */
  static Percentiles measure(Query query, Runnable write, long nanos) {
    long found = query.run();
    List<Long> samples = new ArrayList<>();
    long end = System.nanoTime() + nanos;
    while (samples.size() < MIN_SAMPLES || System.nanoTime() < end) {
      write.run();
      long start = System.nanoTime();
      query.run();
      samples.add(System.nanoTime() - start);
    }
    long[] sorted = samples.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new Percentiles(
        found, millis(sorted, 0.50), millis(sorted, 0.95), millis(sorted, 0.99), sorted.length);
  }

  /** The nearest-rank percentile, in milliseconds. */
  private static double millis(long[] sorted, double quantile) {
    int rank = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, rank)] / 1_000_000.0;
  }
}
