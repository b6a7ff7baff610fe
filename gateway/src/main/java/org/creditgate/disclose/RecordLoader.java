package org.creditgate.disclose;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the records of subjects missing from the cache, coalescing concurrent requests: at most
 * {@code maxInFlight} loads run at once, and the misses of requests arriving meanwhile wait and go together in the
 * next load (up to {@code maxCodesPerLoad} subjects). A thousand single-subject lookups a second that miss the cache
 * then cost a few {@code = ANY} queries of many subjects each, not three queries per lookup, and the database pool
 * is never flooded by misses. What a load brings is put in the cache once, by the loader.
 *
 * <p>Waiting is bounded, so that an overloaded database sheds lookups (503) instead of queueing them past any useful
 * answer time: beyond {@code maxWaitingCodes} subjects waiting a load fails at once, and a load that waited longer
 * than {@code maxWait} fails when its turn comes, as a request waiting for a pool connection does.
 *
 * <p>All state lives on one Vert.x context, so no locks are needed.
 */
public final class RecordLoader {

    private final DisclosureQueries queries;
    private final SubjectCache cache;
    private final Context context;
    private final int maxInFlight;
    private final int maxCodesPerLoad;
    private final int maxWaitingCodes;
    private final long maxWaitNanos;
    private final DistributionSummary loadSizes;

    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int waitingCodes;
    private int inFlight;

    public RecordLoader(Vertx vertx, DisclosureQueries queries, SubjectCache cache, int maxInFlight,
                        int maxCodesPerLoad, int maxWaitingCodes, Duration maxWait, MeterRegistry registry) {
        if (maxInFlight < 1 || maxCodesPerLoad < 1 || maxWaitingCodes < maxCodesPerLoad) {
            throw new IllegalArgumentException("loader limits: " + maxInFlight + ", " + maxCodesPerLoad + ", "
                    + maxWaitingCodes);
        }
        this.queries = queries;
        this.cache = cache;
        this.context = vertx.getOrCreateContext();
        this.maxInFlight = maxInFlight;
        this.maxCodesPerLoad = maxCodesPerLoad;
        this.maxWaitingCodes = maxWaitingCodes;
        this.maxWaitNanos = maxWait.toNanos();
        this.loadSizes = DistributionSummary.builder("creditgate.lookup.load.subjects")
                .description("subjects per load of cache misses (the misses of concurrent lookups go together)")
                .register(registry);
    }

    /**
     * The records of the given subjects (each present in the map, with an empty list when it has none); the map may
     * hold other subjects loaded together with them.
     */
    public Future<Map<String, SubjectRecords>> load(Collection<String> subjects) {
        Promise<Map<String, SubjectRecords>> loaded = Promise.promise();
        List<String> codes = List.copyOf(subjects);
        context.runOnContext(ignored -> {
            if (waitingCodes + codes.size() > maxWaitingCodes && !waiting.isEmpty()) {
                loaded.fail(new LoaderBusyException(waitingCodes));
                return;
            }
            waiting.add(new Pending(codes, loaded, System.nanoTime()));
            waitingCodes += codes.size();
            dispatch();
        });
        return loaded.future();
    }

    private void dispatch() {
        failStale();
        while (inFlight < maxInFlight && !waiting.isEmpty()) {
            List<Pending> batch = new ArrayList<>();
            Set<String> codes = new LinkedHashSet<>();
            // at least one request, whatever its size; then more while they fit
            do {
                Pending next = waiting.poll();
                waitingCodes -= next.codes.size();
                batch.add(next);
                codes.addAll(next.codes);
            } while (!waiting.isEmpty() && codes.size() + waiting.peek().codes.size() <= maxCodesPerLoad);
            inFlight++;
            loadSizes.record(codes.size());
            long stamp = cache.stamp();
            load(codes).onComplete(result -> context.runOnContext(ignored -> {
                inFlight--;
                if (result.succeeded()) {
                    cache.putIfUnchangedSince(stamp, result.result());
                    batch.forEach(p -> p.loaded.complete(result.result()));
                } else {
                    batch.forEach(p -> p.loaded.fail(result.cause()));
                }
                dispatch();
            }));
        }
    }

    /** The query as a future, even if starting it throws: a load that never completed would stall the loader. */
    private Future<Map<String, SubjectRecords>> load(Set<String> codes) {
        try {
            return queries.records(codes);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private void failStale() {
        long now = System.nanoTime();
        while (!waiting.isEmpty() && now - waiting.peek().since > maxWaitNanos) {
            Pending stale = waiting.poll();
            waitingCodes -= stale.codes.size();
            stale.loaded.fail(new LoaderBusyException(waitingCodes));
        }
    }

    /** Too many misses are waiting already: the lookup is refused at once rather than queued. */
    public static final class LoaderBusyException extends RuntimeException {
        public LoaderBusyException(int waitingCodes) {
            super("the database is busy: " + waitingCodes + " subjects are waiting to be loaded", null, false, false);
        }
    }

    private record Pending(List<String> codes, Promise<Map<String, SubjectRecords>> loaded, long since) {
    }
}
