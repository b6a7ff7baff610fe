package org.creditgate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;

/**
 * A closed loop of concurrent workers, each with one request in flight at a time: it asks the next subject set,
 * performs the call, checks it, repeats, until the sets run out or the time is up. Throughput is then what the
 * system under test can do at that concurrency; latency is each call's, answer checked.
 */
final class ClosedLoop {

    /** One lookup of {@code subjects} by worker {@code worker}; returns the records answered, throws on a wrong answer. */
    interface Call {
        long perform(int worker, int[] subjects) throws Exception;
    }

    /** What a run did, with every call's latency by worker. */
    record Outcome(long calls, long subjects, long records, long nanos, List<long[]> latenciesByWorker) {

        double subjectsPerSecond() {
            return subjects * 1e9 / nanos;
        }

        double callsPerSecond() {
            return calls * 1e9 / nanos;
        }

        double recordsPerSecond() {
            return records * 1e9 / nanos;
        }

        /** The {@code q} quantile (0..1) of the latencies of the workers {@code workers} accepts, in nanoseconds. */
        long latency(double q, IntPredicate workers) {
            long[] all = new long[0];
            for (int w = 0; w < latenciesByWorker.size(); w++) {
                if (workers.test(w)) {
                    long[] mine = latenciesByWorker.get(w);
                    int at = all.length;
                    all = Arrays.copyOf(all, at + mine.length);
                    System.arraycopy(mine, 0, all, at, mine.length);
                }
            }
            if (all.length == 0) {
                return 0;
            }
            Arrays.sort(all);
            return all[(int) Math.min(all.length - 1, Math.ceil(q * all.length) - 1)];
        }

        long latency(double q) {
            return latency(q, w -> true);
        }

        /** Two runs as one: their calls added up, their time too (they ran one after the other). */
        Outcome plus(Outcome other) {
            List<long[]> latencies = new ArrayList<>();
            for (int w = 0; w < Math.max(latenciesByWorker.size(), other.latenciesByWorker.size()); w++) {
                long[] a = w < latenciesByWorker.size() ? latenciesByWorker.get(w) : new long[0];
                long[] b = w < other.latenciesByWorker.size() ? other.latenciesByWorker.get(w) : new long[0];
                long[] both = Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, both, a.length, b.length);
                latencies.add(both);
            }
            return new Outcome(calls + other.calls, subjects + other.subjects, records + other.records,
                    nanos + other.nanos, latencies);
        }
    }

    private ClosedLoop() {
    }

    /**
     * Runs {@code workers} workers over {@code sets} for at most {@code limit} (the calls in flight then finish and
     * count). The first failure stops every worker and is thrown.
     */
    static Outcome run(int workers, SubjectSets sets, Duration limit, Call call) throws Exception {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[][] latencies = new long[workers][];
        long[][] counts = new long[workers][3];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1024];
                int n = 0;
                try {
                    while (failure.get() == null && System.nanoTime() < deadline) {
                        int[] subjects = sets.next();
                        if (subjects == null) {
                            break;
                        }
                        long sent = System.nanoTime();
                        long records = call.perform(worker, subjects);
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = System.nanoTime() - sent;
                        counts[worker][0]++;
                        counts[worker][1] += subjects.length;
                        counts[worker][2] += records;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    latencies[worker] = Arrays.copyOf(mine, n);
                }
            }, "load-" + w);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long nanos = System.nanoTime() - started;
        if (failure.get() != null) {
            Throwable cause = failure.get();
            throw cause instanceof Exception e ? e : new IllegalStateException(cause);
        }
        long calls = 0;
        long subjects = 0;
        long records = 0;
        for (long[] count : counts) {
            calls += count[0];
            subjects += count[1];
            records += count[2];
        }
        return new Outcome(calls, subjects, records, nanos, List.of(latencies));
    }
}
