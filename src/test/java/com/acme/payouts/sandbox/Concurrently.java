package com.acme.payouts.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Fires calls at once behind a start gate so they really overlap on the server. */
final class Concurrently {

    @FunctionalInterface
    interface IndexedCall<T> {
        T run(int index) throws Exception;
    }

    private Concurrently() {}

    static <T> List<T> run(int count, IndexedCall<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<T> task = () -> {
                    gate.await();
                    return call.run(index);
                };
                futures.add(pool.submit(task));
            }
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
