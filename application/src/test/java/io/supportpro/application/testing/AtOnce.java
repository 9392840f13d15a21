package io.supportpro.application.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs calls at the same moment, each on its own thread released by one barrier, for races. */
public final class AtOnce {
  private AtOnce() {}

  /** The answers of the calls, in the order of the calls. */
  public static <T> List<T> run(List<Callable<T>> calls) throws Exception {
    var barrier = new CyclicBarrier(calls.size());
    List<Future<T>> pending = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(calls.size())) {
      for (Callable<T> call : calls) {
        pending.add(
            threads.submit(
                () -> {
                  barrier.await(10, TimeUnit.SECONDS);
                  return call.call();
                }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> result : pending) {
        results.add(result.get(20, TimeUnit.SECONDS));
      }
      return results;
    }
  }
}
