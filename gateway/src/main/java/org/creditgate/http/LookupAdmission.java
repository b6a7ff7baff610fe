package org.creditgate.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.creditgate.audit.QueryLogWriter;
import org.creditgate.disclose.RecordLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Bounds the lookups this instance works on at once (from the quota check to the durable query log entry). Beyond
 * the bound a lookup is refused at once with 503 and {@code Retry-After}, before it takes a quota, a database
 * connection or a place in the query log's queue.
 *
 * <p>Why: an instance that falls behind (a slow disk under the query log, a database that stalls) otherwise takes
 * on every lookup arriving meanwhile, each holding memory and, later, a place in the loader's or the log's queue; the
 * backlog then outlives its cause, worked off for callers that have long given up. The bound is a backstop set well
 * above what a healthy instance holds (lookups in flight = rate × latency: 5,000 a second at 5 ms is 25), so it does
 * not turn a pause into errors: the loader and the query log refuse sooner when the database is behind. At 1024, a
 * cold JVM taking 2,000 single-subject lookups a second refused 3,644 of them while warming up, in one of two runs,
 * where an unbounded one answered them all, late; hence a default of 4096.
 *
 * <p>It also reports the lookups refused further on because the instance was behind (too many cache misses waiting
 * for the database, too many entries waiting for the query log): counted per reason, and logged once per
 * {@link #LOG_INTERVAL_SECONDS} seconds with how many there were, not one line per request, which under overload
 * would add to the load it reports.
 */
public final class LookupAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(LookupAdmission.class);
    static final long LOG_INTERVAL_SECONDS = 10;

    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter refused;
    private final Counter loaderBusy;
    private final Counter queryLogBehind;
    private final AtomicLong behindSinceLogged = new AtomicLong();
    private final AtomicLong nextLogNanos = new AtomicLong(System.nanoTime());

    public LookupAdmission(int maxInFlight, MeterRegistry registry) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("lookups in flight: " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        Gauge.builder("creditgate.lookup.in_flight", inFlight, AtomicInteger::get)
                .description("lookups being answered on this instance").register(registry);
        this.refused = refusals("in_flight", registry);
        this.loaderBusy = refusals("loader_busy", registry);
        this.queryLogBehind = refusals("query_log_behind", registry);
    }

    private static Counter refusals(String reason, MeterRegistry registry) {
        return Counter.builder("creditgate.lookup.refused").tag("reason", reason)
                .description("lookups refused (503) because the instance was behind").register(registry);
    }

    /** Takes a place for one lookup; false (and counted) when every place is taken. {@link #leave} gives it back. */
    boolean tryEnter() {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            refused.increment();
            return false;
        }
        return true;
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    /**
     * Whether a lookup failed because the instance was behind rather than broken; if so it is counted, and logged
     * with the others of its interval.
     */
    boolean refusedBehind(Throwable failure) {
        if (failure instanceof RecordLoader.LoaderBusyException) {
            loaderBusy.increment();
        } else if (failure instanceof QueryLogWriter.QueryLogBehindException) {
            queryLogBehind.increment();
        } else {
            return false;
        }
        behindSinceLogged.incrementAndGet();
        long now = System.nanoTime();
        long next = nextLogNanos.get();
        if (now - next >= 0 && nextLogNanos.compareAndSet(next, now + TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS))) {
            LOG.warn("lookups refused: the instance is behind", kv("refused", behindSinceLogged.getAndSet(0)),
                    kv("last_reason", failure.getMessage()));
        }
        return true;
    }

    int maxInFlight() {
        return maxInFlight;
    }
}
