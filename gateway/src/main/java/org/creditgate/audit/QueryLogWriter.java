package org.creditgate.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Writes query log entries with group commit: entries that arrive while a write is in flight wait and go
 * together in the next multi-row insert, so the log costs one commit per batch, not per request. Each caller's
 * future completes only when its entry is durable; if the write fails, every waiting caller fails too
 * (fail closed: no log, no answer).
 *
 * <p>The writer chains the entries itself (migration V7): in the insert's transaction it locks the chain head and
 * takes the entries' ids and time, computes each entry's hash over its canonical content, and inserts the entries
 * with their place in the chain, which the database checks continues from the head. Hashing here instead of in a
 * row trigger halves what PostgreSQL spends per entry, under the lock that every writer of either log waits for.
 *
 * <p>Entries waiting are bounded ({@code 16 × maxBatch}): when the log falls that far behind, a new entry fails at
 * once (its lookup gets a 503) instead of queueing past any useful answer time.
 *
 * <p>All state lives on one Vert.x context, so no locks are needed.
 */
public final class QueryLogWriter {

    /** Locks the chain head and returns it, the transaction's time and the entries' ids (migration V7). */
    private static final String RESERVE = "SELECT end_seq, end_hash, logged_at, ids FROM query_log_reserve($1)";

    private static final String INSERT = """
            INSERT INTO query_log (id, query_id, client_id, role, channel, reason, on_behalf_of, subjects, categories,
                                   logged_at, seq, prev_hash, hash)
            SELECT e.id, e.query_id, e.client_id, e.role, e.channel, e.reason, e.on_behalf_of,
                   string_to_array(e.subjects, ','), string_to_array(e.categories, ','), $9, e.seq, e.prev_hash, e.hash
            FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                        $8::text[], $10::text[], $11::bigint[], $12::bytea[], $13::bytea[])
                 AS e(id, query_id, client_id, role, channel, reason, on_behalf_of, subjects, categories, seq,
                      prev_hash, hash)
            """;

    private final Pool pool;
    private final Context context;
    private final int maxBatch;
    private final int maxWaiting;
    private final Timer writeLatency;
    private final DistributionSummary batchSizes;
    private final Counter failures;

    private List<Pending> waiting = new ArrayList<>();
    private boolean writing;

    public QueryLogWriter(Vertx vertx, Pool pool, MeterRegistry registry, int maxBatch) {
        this.pool = pool;
        this.context = vertx.getOrCreateContext();
        this.maxBatch = maxBatch;
        this.maxWaiting = 16 * maxBatch;
        this.writeLatency = Timer.builder("creditgate.querylog.write").description("query log group commit latency")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.batchSizes = DistributionSummary.builder("creditgate.querylog.batch.entries")
                .description("query log entries per insert").register(registry);
        this.failures = Counter.builder("creditgate.querylog.failures")
                .description("query log writes that failed (their lookups were refused)").register(registry);
    }

    /** Completes once the entry is committed; fails if it cannot be written. */
    public Future<Void> append(QueryEntry entry) {
        Promise<Void> durable = Promise.promise();
        context.runOnContext(ignored -> {
            if (waiting.size() >= maxWaiting) {
                failures.increment();
                durable.fail(new QueryLogBehindException(waiting.size()));
                return;
            }
            waiting.add(new Pending(entry, durable));
            if (!writing) {
                writeNext();
            }
        });
        return durable.future();
    }

    private void writeNext() {
        if (waiting.isEmpty()) {
            writing = false;
            return;
        }
        writing = true;
        List<Pending> batch;
        if (waiting.size() <= maxBatch) {
            batch = waiting;
            waiting = new ArrayList<>();
        } else {
            batch = new ArrayList<>(waiting.subList(0, maxBatch));
            waiting = new ArrayList<>(waiting.subList(maxBatch, waiting.size()));
        }
        long started = System.nanoTime();
        write(batch).onComplete(result -> {
            writeLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            batchSizes.record(batch.size());
            if (result.succeeded()) {
                batch.forEach(p -> p.durable.complete());
            } else {
                failures.increment(batch.size());
                batch.forEach(p -> p.durable.fail(result.cause()));
            }
            writeNext();
        });
    }

    /**
     * One transaction: BEGIN goes with the reservation, the insert with COMMIT, so the batch costs two round trips
     * (the connection pipelines them), not four. The head stays locked from the reservation to the commit.
     */
    private Future<Void> write(List<Pending> batch) {
        return pool.getConnection().compose(connection -> {
            Future<RowSet<Row>> begun = connection.query("BEGIN").execute();
            Future<RowSet<Row>> reserved = connection.preparedQuery(RESERVE).execute(Tuple.of(batch.size()));
            Future<Void> committed = Future.all(begun, reserved).compose(ignored -> {
                Future<RowSet<Row>> inserted = connection.preparedQuery(INSERT)
                        .execute(columns(batch, reserved.result().iterator().next()));
                // after a failed insert the server answers this COMMIT with a rollback: the insert's failure counts
                Future<RowSet<Row>> commit = connection.query("COMMIT").execute();
                return Future.all(inserted, commit).<Void>mapEmpty();
            });
            return committed
                    .recover(failure -> connection.query("ROLLBACK").execute()
                            .transform(ignored -> Future.<Void>failedFuture(failure)))
                    .onComplete(ignored -> connection.close());
        });
    }

    /** The batch's rows, chained after the head that {@code reserved} holds. */
    private static Tuple columns(List<Pending> batch, Row reserved) {
        int n = batch.size();
        long seq = reserved.getLong("end_seq");
        byte[] previous = reserved.getBuffer("end_hash").getBytes();
        OffsetDateTime loggedAt = reserved.getOffsetDateTime("logged_at");
        Long[] entryIds = reserved.getArrayOfLongs("ids");
        Long[] seqs = new Long[n];
        Buffer[] prevHashes = new Buffer[n];
        Buffer[] hashes = new Buffer[n];
        UUID[] ids = new UUID[n];
        String[] clients = new String[n];
        String[] roles = new String[n];
        String[] channels = new String[n];
        String[] reasons = new String[n];
        String[] onBehalfOf = new String[n];
        String[] subjects = new String[n];
        String[] categories = new String[n];
        for (int i = 0; i < n; i++) {
            QueryEntry e = batch.get(i).entry;
            ids[i] = e.queryId();
            clients[i] = e.clientId();
            roles[i] = e.role();
            channels[i] = e.channel();
            reasons[i] = e.reason();
            onBehalfOf[i] = e.onBehalfOf();
            // subject codes and category ids never contain commas: they are checked before they get here
            subjects[i] = String.join(",", e.subjects());
            categories[i] = String.join(",", e.categories());
            seqs[i] = ++seq;
            byte[] content = CanonicalContent.queryEntry(seqs[i], entryIds[i], e.queryId().toString(), e.clientId(),
                    e.role(), e.channel(), e.reason(), e.onBehalfOf(), e.subjects(), e.categories(), loggedAt);
            byte[] hash = Hashes.chain(previous, content);
            prevHashes[i] = Buffer.buffer(previous);
            hashes[i] = Buffer.buffer(hash);
            previous = hash;
        }
        return Tuple.tuple().addArrayOfLong(entryIds).addArrayOfUUID(ids).addArrayOfString(clients)
                .addArrayOfString(roles).addArrayOfString(channels).addArrayOfString(reasons)
                .addArrayOfString(onBehalfOf).addArrayOfString(subjects).addOffsetDateTime(loggedAt)
                .addArrayOfString(categories).addArrayOfLong(seqs).addArrayOfBuffer(prevHashes)
                .addArrayOfBuffer(hashes);
    }

    private record Pending(QueryEntry entry, Promise<Void> durable) {
    }

    /** Too many entries are waiting to be written already: the lookup is refused at once rather than queued. */
    public static final class QueryLogBehindException extends RuntimeException {
        public QueryLogBehindException(int waiting) {
            super("the query log is " + waiting + " entries behind", null, false, false);
        }
    }
}
