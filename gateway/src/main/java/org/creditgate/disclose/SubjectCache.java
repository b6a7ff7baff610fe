package org.creditgate.disclose;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The current records of hot subjects. Entries are dropped when a change to the subject is announced (NOTIFY from
 * any instance), so a correction is visible everywhere within the announcement delay.
 *
 * <p>A load that raced with a change must not put stale records back: every load carries the time it started,
 * and is kept only if no change to its subject was announced since.
 */
public final class SubjectCache {

    private final Cache<String, SubjectRecords> records;
    /** subject → when its last change was announced (monotonic ticks); kept long enough to outlive any load */
    private final Cache<String, Long> changedAt;
    /** any announcement lost (listener reconnecting) invalidates every load that started before it */
    private final AtomicLong everythingChangedAt = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();
    /** only while changes are heard can loaded records be kept */
    private volatile boolean listening;

    public SubjectCache(long maximumSubjects, Duration timeToLive, MeterRegistry registry) {
        this.records = Caffeine.newBuilder()
                .maximumSize(maximumSubjects)
                .expireAfterWrite(timeToLive)
                .recordStats()
                .build();
        this.changedAt = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(2)).maximumSize(1_000_000).build();
        CaffeineCacheMetrics.monitor(registry, records, "subjects");
    }

    public SubjectRecords get(String subject) {
        return records.getIfPresent(subject);
    }

    /** A stamp to take before loading from the database. */
    public long stamp() {
        return ticks.incrementAndGet();
    }

    /** Keeps loaded records unless their subject changed after the load started. */
    public void putIfUnchangedSince(long stamp, Map<String, SubjectRecords> loaded) {
        if (!listening || everythingChangedAt.get() > stamp) {
            return;
        }
        for (Map.Entry<String, SubjectRecords> entry : loaded.entrySet()) {
            Long changed = changedAt.getIfPresent(entry.getKey());
            if (changed == null || changed < stamp) {
                records.put(entry.getKey(), entry.getValue());
            }
        }
    }

    public void changed(Collection<String> subjects) {
        long now = ticks.incrementAndGet();
        for (String subject : subjects) {
            changedAt.put(subject, now);
            records.invalidate(subject);
        }
    }

    /** Announcements can no longer be heard: nothing cached can be trusted, and nothing is cached until they can. */
    public void stopListening() {
        listening = false;
        everythingChangedAt.set(ticks.incrementAndGet());
        records.invalidateAll();
    }

    /** Announcements are heard again; anything loaded before now may have missed one. */
    public void startListening() {
        everythingChangedAt.set(ticks.incrementAndGet());
        records.invalidateAll();
        listening = true;
    }

    public CacheStats stats() {
        return records.stats();
    }
}
