package org.creditgate.disclose;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;

/** Lookups and subjects by viewer role, cache hits and misses per subject. */
public final class DisclosureMetrics {

    private final Map<Viewer, Counter> lookups = new EnumMap<>(Viewer.class);
    private final Map<Viewer, Counter> subjects = new EnumMap<>(Viewer.class);
    private final Counter hits;
    private final Counter misses;

    public DisclosureMetrics(MeterRegistry registry) {
        for (Viewer viewer : Viewer.values()) {
            String role = viewer.name().toLowerCase();
            lookups.put(viewer, Counter.builder("creditgate.lookups").description("lookups by role")
                    .tag("role", role).register(registry));
            subjects.put(viewer, Counter.builder("creditgate.lookup.subjects").description("subjects looked up by role")
                    .tag("role", role).register(registry));
        }
        hits = Counter.builder("creditgate.lookup.cache").tag("result", "hit")
                .description("subjects answered from the cache or the database").register(registry);
        misses = Counter.builder("creditgate.lookup.cache").tag("result", "miss")
                .description("subjects answered from the cache or the database").register(registry);
    }

    void lookedUp(Viewer viewer, int subjectCount, int cacheHits, int cacheMisses) {
        lookups.get(viewer).increment();
        subjects.get(viewer).increment(subjectCount);
        hits.increment(cacheHits);
        misses.increment(cacheMisses);
    }
}
