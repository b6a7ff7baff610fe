package org.creditgate.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.creditgate.calendar.PlatformCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Keeps the logs' monthly partitions: makes those of the coming months (an entry for a month without one could
 * not be written), and drops the months older than the retention period, oldest first, recording a signed anchor
 * at the last dropped entry so that verification of what remains starts from a known point (migration V5,
 * {@code log_drop_prefix}). Runs at start and then every interval; any instance may, the database serialises them.
 */
public final class LogMaintenance {

    /** Calendar months are Asia/Shanghai months, as the partitions are. */

    private static final Logger LOG = LoggerFactory.getLogger(LogMaintenance.class);
    private static final String ENSURE = "SELECT log_ensure_partitions(now(), now() + interval '3 months') AS created";
    private static final String EXPIRED = "SELECT through_month, last_seq, last_hash FROM log_expired_prefix($1)";
    private static final String DROP = "SELECT log_drop_prefix($1, $2, $3, $4, $5, $6) AS dropped";

    private final Vertx vertx;
    private final Pool pool;
    private final CheckpointSigner signer;
    private final int retentionMonths;
    private final Duration interval;
    private final Clock clock;

    public LogMaintenance(Vertx vertx, Pool pool, CheckpointSigner signer, int retentionMonths, Duration interval,
                          Clock clock) {
        this.vertx = vertx;
        this.pool = pool;
        this.signer = signer;
        this.retentionMonths = retentionMonths;
        this.interval = interval;
        this.clock = clock;
    }

    /** Makes the coming months' partitions now (the start waits for it), then schedules the rest. */
    public Future<Void> start() {
        return ensurePartitions().onSuccess(ignored -> {
            dropExpiredLogged();
            vertx.setPeriodic(Math.max(1, interval.toMillis()),
                    ignored2 -> ensurePartitions().onSuccess(created -> dropExpiredLogged())
                            .onFailure(e -> LOG.warn("cannot make the log partitions of the coming months",
                                    kv("error", e.getMessage()))));
        }).mapEmpty();
    }

    public Future<Integer> ensurePartitions() {
        return pool.query(ENSURE).execute().map(rows -> rows.iterator().next().getInteger("created"));
    }

    /** Drops the expired months that form a prefix of the chain; completes with the number of months dropped. */
    public Future<Integer> dropExpired() {
        OffsetDateTime cutoff = clock.instant().atZone(PlatformCalendar.ZONE).minusMonths(retentionMonths).toOffsetDateTime();
        return pool.preparedQuery(EXPIRED).execute(Tuple.of(cutoff)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.succeededFuture(0);
            }
            Row row = rows.iterator().next();
            LocalDate through = row.getLocalDate("through_month");
            Long lastSeq = row.getLong("last_seq");
            Optional<Checkpoint> anchor = lastSeq == null ? Optional.empty()
                    : Optional.of(signer.sign(lastSeq, row.getBuffer("last_hash").getBytes(), clock.instant()));
            return pool.preparedQuery(DROP).execute(Tuple.of(through, lastSeq,
                            anchor.map(a -> Buffer.buffer(a.headHash())).orElse(null),
                            anchor.map(a -> a.signedAt().atOffset(ZoneOffset.UTC)).orElse(null),
                            anchor.map(a -> Buffer.buffer(a.publicKey())).orElse(null),
                            anchor.map(a -> Buffer.buffer(a.signature())).orElse(null)))
                    .map(dropped -> {
                        int months = dropped.iterator().next().getInteger("dropped");
                        LOG.info("expired log months dropped", kv("through", through.toString()),
                                kv("months", months), kv("anchor_seq", lastSeq));
                        return months;
                    });
        });
    }

    private void dropExpiredLogged() {
        dropExpired().onFailure(e -> LOG.warn("cannot drop the expired log months; retrying at the next run",
                kv("error", e.getMessage())));
    }
}
