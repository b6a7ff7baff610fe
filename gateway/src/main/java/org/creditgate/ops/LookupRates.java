package org.creditgate.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * This instance's lookups, subjects and cache hits over the last minute, read from the counters it exports
 * ({@code creditgate_lookups_total}, {@code creditgate_lookup_subjects_total}, {@code creditgate_lookup_cache_total}):
 * the operator page shows them without a Prometheus. Prometheus remains the place for the whole fleet.
 */
public final class LookupRates {

    public static final Duration WINDOW = Duration.ofSeconds(60);
    /** How often a sample is taken: the window's start is this precise. */
    public static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);

    private static final int LOOKUPS = 0;
    private static final int SUBJECTS = 1;
    private static final int HITS = 2;
    private static final int MISSES = 3;

    private final MeterRegistry registry;
    private final LongSupplier nanoTime;
    private final CounterWindow window = new CounterWindow(WINDOW.toNanos());

    public LookupRates(MeterRegistry registry, LongSupplier nanoTime) {
        this.registry = registry;
        this.nanoTime = nanoTime;
        sample();
    }

    /** One lookup-rate figure set, over {@code windowSeconds}. */
    public record Figures(double windowSeconds, long lookups, long subjects, long cacheHits, long cacheMisses,
                          double lookupsPerSecond, double subjectsPerSecond) {

        /** Hits over all subjects answered; empty when none was. */
        public java.util.OptionalDouble cacheHitRatio() {
            long answered = cacheHits + cacheMisses;
            return answered == 0 ? java.util.OptionalDouble.empty()
                    : java.util.OptionalDouble.of((double) cacheHits / answered);
        }
    }

    public void sample() {
        window.sample(nanoTime.getAsLong(), counters());
    }

    public Figures current() {
        CounterWindow.Growth growth = window.growthUntil(nanoTime.getAsLong(), counters());
        double[] v = growth.values();
        return new Figures(growth.seconds(), Math.round(v[LOOKUPS]), Math.round(v[SUBJECTS]), Math.round(v[HITS]),
                Math.round(v[MISSES]), growth.perSecond(LOOKUPS), growth.perSecond(SUBJECTS));
    }

    private double[] counters() {
        return new double[]{
                sum("creditgate.lookups", null),
                sum("creditgate.lookup.subjects", null),
                sum("creditgate.lookup.cache", "hit"),
                sum("creditgate.lookup.cache", "miss")};
    }

    private double sum(String name, String result) {
        var search = registry.find(name);
        if (result != null) {
            search = search.tag("result", result);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
