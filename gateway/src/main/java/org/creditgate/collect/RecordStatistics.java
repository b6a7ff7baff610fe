package org.creditgate.collect;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Keeps the planner's statistics of {@code record_versions} fresh while providers load records in bulk: every
 * {@link #EVERY} the database is asked to analyze the table if a tenth of it changed since it last was (migration
 * V8). Autovacuum does the same, but a minute or more late, and until then every lookup that misses the cache scans
 * the whole table.
 */
public final class RecordStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(RecordStatistics.class);
    public static final Duration EVERY = Duration.ofSeconds(5);
    private static final String REFRESH = "SELECT record_versions_refresh_statistics()";

    private final Pool pool;
    private boolean running;

    public RecordStatistics(Pool pool) {
        this.pool = pool;
    }

    /** Checks every {@link #EVERY}; a check still running when the next is due is not doubled. */
    public void start(Vertx vertx) {
        vertx.setPeriodic(EVERY.toMillis(), id -> {
            if (running) {
                return;
            }
            running = true;
            long started = System.nanoTime();
            pool.query(REFRESH).execute().onComplete(result -> {
                running = false;
                if (result.failed()) {
                    LOG.debug("could not check record_versions statistics", kv("error", result.cause().getMessage()));
                } else if (Boolean.TRUE.equals(result.result().iterator().next().getBoolean(0))) {
                    LOG.info("record_versions analyzed after bulk changes",
                            kv("millis", (System.nanoTime() - started) / 1_000_000));
                }
            });
        });
    }
}
