package org.creditgate.audit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Pool;
import org.creditgate.config.DatabaseUrl;
import org.creditgate.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.Records.orgCode;

/**
 * The query log writer against the real, chained log: called from several event loops at once, as the HTTP verticles
 * call it, every entry is written once, in one unbroken chain, many entries per insert; held up by the database, it
 * queues a bounded number of entries and refuses the next at once.
 */
@DisplayName("Query log writer: group commit, bounded waiting")
class QueryLogWriterTest {

    private static final int LOOPS = 3;
    // 600 entries at once: within the 800 (16 batches) the writer lets wait
    private static final int ENTRIES_EACH = 200;
    private static final int MAX_BATCH = 50;

    private DatabaseUrl database;
    private Vertx vertx;
    private Pool pool;
    private SimpleMeterRegistry registry;
    private QueryLogWriter writer;

    @BeforeEach
    void start() throws SQLException {
        database = TestPostgres.freshDatabase();
        try (Connection sql = owner(); Statement s = sql.createStatement()) {
            s.execute("SELECT log_ensure_partitions(now(), now() + interval '1 month')");
        }
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(LOOPS + 1));
        pool = TestPostgres.gatewayPool(vertx, database, 4);
        registry = new SimpleMeterRegistry();
        writer = new QueryLogWriter(vertx, pool, registry, MAX_BATCH);
    }

    @AfterEach
    void stop() {
        pool.close().await();
        vertx.close().await();
    }

    @Test
    @DisplayName("entries appended at once from three event loops: all durable, one unbroken chain, many per insert")
    void entriesFromManyLoops() throws Exception {
        List<Future<Void>> appended = new ArrayList<>();
        for (Context loop : eventLoops(LOOPS)) {
            Promise<Void> all = Promise.promise();
            appended.add(all.future());
            loop.runOnContext(ignored -> {
                List<Future<Void>> durable = new ArrayList<>();
                for (int i = 0; i < ENTRIES_EACH; i++) {
                    durable.add(writer.append(entry(i)));
                }
                Future.all(durable).<Void>mapEmpty().onComplete(all);
            });
        }
        Future.all(appended).await(30, TimeUnit.SECONDS);

        int total = LOOPS * ENTRIES_EACH;
        try (Connection sql = owner(); Statement s = sql.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT count(*), count(DISTINCT seq), max(seq) - min(seq) + 1,
                            count(*) FILTER (WHERE before IS NOT NULL AND prev_hash <> before)
                     FROM (SELECT seq, prev_hash, lag(hash) OVER (ORDER BY seq) AS before FROM query_log) q
                     """)) {
            rs.next();
            assertThat(rs.getLong(1)).as("entries").isEqualTo(total);
            assertThat(rs.getLong(2)).as("distinct places in the chain").isEqualTo(total);
            assertThat(rs.getLong(3)).as("span of the chain").isEqualTo(total);
            assertThat(rs.getLong(4)).as("entries not linked to the one before").isZero();
        }
        long inserts = registry.get("creditgate.querylog.batch.entries").summary().count();
        assertThat(inserts).as("inserts for %d entries", total).isLessThan(total / 2);
    }

    @Test
    @DisplayName("while the chain head is locked, 16 batches of entries wait; the next is refused at once; once the "
            + "lock goes, every waiting entry is written")
    void waitingIsBounded() throws Exception {
        try (Connection sql = owner(); Statement s = sql.createStatement()) {
            sql.setAutoCommit(false);
            s.execute("SELECT seq FROM log_chain FOR UPDATE");

            Future<Void> held = writer.append(entry(0));
            Thread.sleep(300);
            assertThat(held.isComplete()).as("the first entry waits for the lock").isFalse();
            List<Future<Void>> waiting = new ArrayList<>();
            for (int i = 1; i <= 16 * MAX_BATCH; i++) {
                waiting.add(writer.append(entry(i)));
            }
            Future<Void> beyond = writer.append(entry(16 * MAX_BATCH + 1));
            Throwable refused = beyond.transform(result -> Future.succeededFuture(result.cause()))
                    .await(5, TimeUnit.SECONDS);
            assertThat(refused).isInstanceOf(QueryLogWriter.QueryLogBehindException.class);
            assertThat(waiting).noneMatch(Future::isComplete);

            sql.commit();
            held.await(30, TimeUnit.SECONDS);
            Future.all(waiting).await(30, TimeUnit.SECONDS);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM query_log")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1 + 16L * MAX_BATCH);
            }
        }
    }

    /** Contexts on distinct event loops, as the HTTP verticles have. */
    private List<Context> eventLoops(int count) throws Exception {
        ConcurrentLinkedQueue<Context> contexts = new ConcurrentLinkedQueue<>();
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                contexts.add(context);
            }
        }, new DeploymentOptions().setInstances(count)).await(10, TimeUnit.SECONDS);
        return List.copyOf(contexts);
    }

    private static QueryEntry entry(int i) {
        return new QueryEntry(UUID.randomUUID(), "loop-site", "public", "single", null, null, List.of(orgCode(i)),
                List.of("admin_penalty"));
    }

    private Connection owner() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }
}
