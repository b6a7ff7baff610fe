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
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The current records of hot subjects. Entries are dropped when a change to the subject is announced (NOTIFY from
 * any instance), so a correction is visible everywhere within the announcement delay.
 *
 * <p>A load that raced with a change must not put stale records back: every load carries the time it started,
 * and is kept only if no change to its subject was announced since.
 *
 * <p>Every record a provider submits announces its subject, so the bookkeeping of a change is on the collection
 * path: it is one write to a fixed table of change times, indexed by a hash of the subject. Subjects sharing a slot
 * share its latest time, which can only keep a load out of the cache (it is then read again next time), never let
 * a stale one in; and since times only grow, nothing has to expire.
 */
public final class SubjectCache {

    /** Slots of the change table: a collision needs a change announced while a load of another subject runs. */
    private static final int CHANGE_SLOTS = 1 << 16;

    private final Cache<String, SubjectRecords> records;
    /** the latest tick at which a change to a subject of the slot was announced */
    private final AtomicLongArray changedAt = new AtomicLongArray(CHANGE_SLOTS);
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
            if (changedAt.get(slot(entry.getKey())) < stamp) {
                records.put(entry.getKey(), entry.getValue());
            }
        }
    }

    public void changed(Collection<String> subjects) {
        long now = ticks.incrementAndGet();
        for (String subject : subjects) {
            changedAt.accumulateAndGet(slot(subject), now, Math::max);
            records.invalidate(subject);
        }
    }

    private static int slot(String subject) {
        int h = subject.hashCode();
        return (h ^ h >>> 16) & (CHANGE_SLOTS - 1);
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
